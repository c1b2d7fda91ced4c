"""Markdown image syntax pointing at a library image becomes a <picture>."""

import re

from meridian.core.rendering import render_article
from meridian.media.references import images_without_alt, keys_in

from . import pictures


def test_a_library_image_with_a_caption_is_a_figure(
    library_image, django_capture_on_commit_callbacks, settings
):
    settings.MEDIA_AVIF = False
    with django_capture_on_commit_callbacks(execute=True):
        image = library_image(pictures.phone_photo((1000, 700), orientation=1))
    html = render_article(
        f'Before.\n\n![The room]({image.reference_url} "Our quiet room")\n'
    ).html
    assert html.startswith("<p>Before.</p>")
    figure = re.search(r"<figure>.*</figure>", html, re.S).group(0)
    assert "<figcaption>Our quiet room</figcaption>" in figure
    assert '<source type="image/webp" srcset="' in figure
    assert "480w" in figure
    assert "800w" in figure
    assert "1000w" in figure
    img = re.search(r"<img [^>]+>", figure).group(0)
    for attribute in (
        'alt="The room"',
        'width="1000"',
        'height="700"',
        'loading="eager"',  # the text's first picture: maybe the largest on screen
        'decoding="async"',
        "sizes=",
        "srcset=",
    ):
        assert attribute in img
    assert "<p><figure>" not in html
    assert "<p></p>" not in html


def test_before_its_renditions_exist_the_original_is_shown(library_image):
    image = library_image()
    html = render_article(f"![]({image.reference_url})").html
    assert f'src="{image.file.url}"' in html
    assert f'srcset="{image.file.url} {image.width}w"' in html
    # No caption: a picture in a paragraph, with the library's alt text.
    assert html.startswith("<p><img")
    assert f'alt="{image.alt}"' in html


def test_an_image_in_a_sentence_stays_in_its_sentence(library_image):
    image = library_image()
    html = render_article(f'See ![a room]({image.reference_url} "cap") here.').html
    assert "<figure>" not in html
    assert html.startswith("<p>See <img")


def test_a_deleted_library_image_leaves_no_broken_picture(db, settings):
    html = render_article(
        f"Text.\n\n![gone]({settings.MEDIA_URL}library/AAAAAAAAAAAA)"
    ).html
    assert "<img" not in html
    assert "Text." in html


def test_other_images_are_plain_images_lazy_after_the_first(db):
    html = render_article(
        "![a chart](/static/chart.png)\n\n![a map](/static/map.png)"
    ).html.strip()
    assert html == (
        '<p><img src="/static/chart.png" alt="a chart" loading="eager" '
        'decoding="async"></p>\n'
        '<p><img src="/static/map.png" alt="a map" loading="lazy" '
        'decoding="async"></p>'
    )


def test_only_the_first_picture_of_a_text_is_loaded_at_once(library_image):
    image = library_image()
    body = "\n\n".join(
        f"Paragraph {n}.\n\n![Picture {n}]({image.reference_url})" for n in range(3)
    )
    loading = re.findall(r'loading="(\w+)"', render_article(body).html)
    assert loading == ["eager", "lazy", "lazy"]
    # Each text counts from its own start.
    assert re.findall(r'loading="(\w+)"', render_article(body).html)[0] == "eager"


def test_the_credit_is_named_under_a_standalone_picture(library_image):
    image = library_image(credit="Photo: Ana Ruiz")
    html = render_article(f"![x]({image.reference_url})").html
    assert "<figcaption><small>Photo: Ana Ruiz</small></figcaption>" in html


def test_images_without_alt_text_are_found_unless_the_markdown_has_it(library_image):
    silent = library_image(alt="")
    described = library_image(alt="")
    body = f"![]({silent.reference_url})\n\n![A desk]({described.reference_url})"
    assert keys_in(body) == [silent.key, described.key]
    assert images_without_alt(body) == [silent]


def test_the_library_markdown_round_trips(library_image):
    image = library_image(caption='A "quiet" room')
    assert keys_in(image.markdown) == [image.key]
    assert (
        "<figcaption>A ”quiet” room</figcaption>" in render_article(image.markdown).html
    )


def test_an_animation_is_shown_as_its_own_file_without_renditions(
    library_image, django_capture_on_commit_callbacks
):
    # Renditions would re-encode every frame at every width (slow, heavy for a
    # long GIF), and a still of the first frame would stop what the writer
    # chose to show moving: the cleaned animation itself is served.
    with django_capture_on_commit_callbacks(execute=True):
        image = library_image(pictures.animated_gif(6, size=(300, 200)), "wave.gif")
    assert image.animated
    assert not image.renditions.exists()
    html = render_article(f"![A wave]({image.reference_url})").html
    assert "<picture>" not in html
    assert f'src="{image.file.url}"' in html
    assert f'srcset="{image.file.url} 300w"' in html
    assert 'width="300" height="200"' in html
