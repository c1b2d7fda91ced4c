"""Every stored file is clean: no EXIF, GPS, XMP or comments; upright; sRGB."""

import io

import pytest
from django.core.files.storage import default_storage
from PIL import Image, ImageCms

from meridian.media.models import Rendition

from . import pictures
from .storage import stored_files


def assert_clean(content: bytes) -> None:
    for secret in pictures.SECRETS:
        assert secret not in content
    with Image.open(io.BytesIO(content)) as image:
        assert not image.getexif()
        assert not image.getexif().get_ifd(0x8825)  # GPS
        assert "xmp" not in image.info
        assert "comment" not in image.info
        assert "exif" not in image.info


def test_a_phone_photo_with_gps_leaves_no_metadata_in_any_stored_file(
    library_image, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        image = library_image(pictures.phone_photo((900, 600)))
    names = stored_files()
    # The original and its renditions: every width in every format.
    assert image.file.name in names
    assert Rendition.objects.filter(image=image).count() >= 6
    assert len(names) == 1 + Rendition.objects.filter(image=image).count()
    for name in names:
        with default_storage.open(name) as stored:
            assert_clean(stored.read())


def test_the_orientation_is_applied_before_the_exif_goes(library_image):
    # Orientation 6: the camera was turned; the 900 x 600 sensor image is upright
    # as 600 x 900.
    image = library_image(pictures.phone_photo((900, 600), orientation=6))
    assert (image.width, image.height) == (600, 900)
    with default_storage.open(image.file.name) as stored, Image.open(stored) as saved:
        assert saved.size == (600, 900)


def test_a_cmyk_jpeg_is_stored_as_rgb(library_image):
    image = library_image(pictures.cmyk_jpeg(), "print.jpg")
    with default_storage.open(image.file.name) as stored, Image.open(stored) as saved:
        assert saved.mode == "RGB"
        assert saved.format == "JPEG"


def test_a_16_bit_png_keeps_its_tones_in_8_bits(library_image):
    image = library_image(pictures.sixteen_bit_png(), "scan.png")
    with default_storage.open(image.file.name) as stored, Image.open(stored) as saved:
        assert saved.mode == "L"
        # Black to white, not clipped to white past the first 256 levels.
        assert saved.getpixel((0, 0)) == 0
        assert saved.getpixel((128, 0)) in range(120, 136)
        assert saved.getpixel((255, 0)) == 255


def test_a_colour_profile_is_applied_and_not_carried(library_image):
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    content = pictures.encode(pictures.gradient(), "PNG", icc_profile=srgb)
    image = library_image(content, "profiled.png")
    with default_storage.open(image.file.name) as stored, Image.open(stored) as saved:
        assert "icc_profile" not in saved.info


def test_a_broken_colour_profile_does_not_refuse_the_picture(library_image):
    content = pictures.encode(pictures.gradient(), "JPEG", icc_profile=b"not a profile")
    image = library_image(content, "odd.jpg")
    assert (image.width, image.height) == (600, 400)


@pytest.mark.parametrize(
    ("content", "name"),
    [
        (pictures.gif(), "still.gif"),
        (pictures.animated_gif(8), "moving.gif"),
        (pictures.png(), "transparent.png"),
        (pictures.webp(), "photo.webp"),
    ],
)
def test_other_formats_are_stored_clean(library_image, content, name):
    image = library_image(content, name)
    with default_storage.open(image.file.name) as stored:
        assert_clean(stored.read())


def test_an_animation_keeps_its_frames(library_image):
    image = library_image(pictures.animated_gif(8), "moving.gif")
    assert image.animated
    with default_storage.open(image.file.name) as stored, Image.open(stored) as saved:
        assert saved.n_frames == 8


def test_the_stored_name_is_generated_never_the_uploaded_one(library_image):
    image = library_image(name="../../etc/passwd\0.jpg")
    assert image.file.name.startswith("images/")
    assert "passwd" not in image.file.name
    assert ".." not in image.file.name
    assert image.original_name == "passwd.jpg"
