"""Uploads are judged by their content: every bad input gets a clear message."""

import pytest
from PIL import Image, features

from meridian.media import processing, validation
from meridian.media.validation import ImageRejected, inspect_upload

from . import pictures


def check(content: bytes, name: str = "picture.png"):
    upload = pictures.upload(content, name)
    inspected = inspect_upload(upload)
    return processing.clean_image(upload, inspected)


@pytest.mark.parametrize(
    ("content", "name", "words"),
    [
        (pictures.TEXT, "notes.png", "not a picture"),
        (pictures.HTML_PAGE, "page.jpg", "not a picture"),
        (pictures.SVG_WITH_SCRIPT, "drawing.svg", "not a picture"),
        (pictures.SVG_WITH_SCRIPT, "drawing.png", "not a picture"),
        (pictures.truncated_jpeg(), "cut.jpg", "damaged or incomplete"),
        (pictures.strip_png(), "strip.png", "each side may be at most"),
        (pictures.strip_png((1, 9_000)), "strip.png", "too narrow"),
        (pictures.bomb_png(), "bomb.png", "too many pixels"),
        (pictures.animated_gif(500), "long.gif", "500 frames"),
        (b"", "empty.jpg", "empty"),
    ],
)
def test_bad_input_is_refused_with_a_clear_message(content, name, words):
    with pytest.raises(ImageRejected) as refused:
        check(content, name)
    assert words in refused.value.messages[0]


def test_a_file_over_20_mb_is_refused_before_it_is_read():
    content = pictures.phone_photo() + b"\0" * (20 * 1024 * 1024)
    with pytest.raises(ImageRejected) as refused:
        check(content, "huge.jpg")
    assert "at most 20 MB" in refused.value.messages[0]


def test_a_decompression_bomb_is_refused_from_its_header(monkeypatch):
    # Any attempt to decode the pixels fails the test.
    def no_decoding(*args, **kwargs):
        raise AssertionError("decoded a bomb")

    monkeypatch.setattr("PIL.ImageFile.ImageFile.load", no_decoding)
    with pytest.raises(ImageRejected, match="too many pixels"):
        inspect_upload(pictures.upload(pictures.bomb_png((9000, 9000)), "b.png"))


def test_only_the_accepted_decoders_are_tried():
    # Pillow reads BMP, TIFF, ICO, PSD ...; the library accepts none of them.
    bmp = pictures.encode(pictures.gradient((20, 20)), "BMP")
    with pytest.raises(ImageRejected, match="JPEG, PNG, WebP"):
        check(bmp, "picture.jpg")


@pytest.mark.parametrize(
    ("content", "expected_format"),
    [
        (pictures.phone_photo(), "JPEG"),
        (pictures.png(), "PNG"),
        (pictures.webp(), "WEBP"),
        (pictures.gif(), "GIF"),
    ],
)
def test_the_four_web_formats_are_accepted_whatever_their_name(
    content, expected_format
):
    cleaned = check(content, "no-extension")
    assert cleaned.format == expected_format


def test_avif_is_accepted_exactly_when_pillow_reads_it():
    assert ("AVIF" in validation.accepted_formats()) == features.check("avif")
    if features.check("avif"):
        avif = pictures.encode(pictures.gradient((64, 48)), "AVIF")
        assert check(avif, "photo.avif").format == "AVIF"


def test_heic_is_refused_when_no_plugin_reads_it():
    assert ("HEIF" in validation.accepted_formats()) == ("HEIF" in Image.OPEN)


def test_an_animation_within_the_frame_limit_is_accepted():
    cleaned = check(pictures.animated_gif(12), "wave.gif")
    assert cleaned.animated
    assert cleaned.format == "GIF"
