"""Articles show library images, and follow their changes without an "Updated"."""

import re

import pytest
from django.core.exceptions import ValidationError

from meridian.journal.models import Post
from meridian.media import usage
from meridian.media.library import delete_image, update_details
from tests.factories import PageFactory, PostFactory
from tests.media import pictures


@pytest.fixture
def photo(library_image):
    return library_image(pictures.phone_photo((900, 600), orientation=1))


def test_new_renditions_reach_the_article_without_marking_it_updated(
    library_image,
    django_capture_on_commit_callbacks,
    settings,
):
    settings.MEDIA_AVIF = False
    with django_capture_on_commit_callbacks(execute=True):
        image = library_image(pictures.phone_photo((900, 600), orientation=1))
        post = PostFactory(body=f'![Room]({image.reference_url} "Calm")')
        updated_at = post.updated_at
    post.refresh_from_db()
    assert "image/webp" in post.body_html
    assert post.updated_at == updated_at


def test_a_changed_caption_shows_in_the_article(
    photo, django_capture_on_commit_callbacks
):
    post = PostFactory(body=f"![Room]({photo.reference_url})")
    assert "<figcaption>" not in post.body_html
    with django_capture_on_commit_callbacks(execute=True):
        update_details(photo, alt="Room", caption="", credit="Photo: Mei Lin")
    post.refresh_from_db()
    assert "<figcaption><small>Photo: Mei Lin</small></figcaption>" in post.body_html


def test_a_deleted_image_leaves_the_article(photo, django_capture_on_commit_callbacks):
    post = PostFactory(body=f"Text.\n\n![Room]({photo.reference_url})")
    with django_capture_on_commit_callbacks(execute=True):
        delete_image(photo)
    post.refresh_from_db()
    assert "<img" not in post.body_html


def test_the_library_knows_which_articles_and_pages_use_an_image(photo):
    post = PostFactory(title="Sleep", body=f"![a]({photo.reference_url})")
    PageFactory(title="About", body=f"![b]({photo.reference_url})")
    PostFactory(title="Other")
    uses = usage.uses_of(photo)
    assert sorted(use.title for use in uses) == ["About", "Sleep"]
    assert post.get_absolute_url() in [use.url for use in uses]


@pytest.fixture
def ready_photo(library_image, django_capture_on_commit_callbacks, settings):
    """A library picture with its renditions made, as after the worker's pass."""
    settings.MEDIA_AVIF = False
    with django_capture_on_commit_callbacks(execute=True):
        image = library_image(
            pictures.phone_photo((1600, 1000), orientation=1),
            caption="The quiet room",
            credit="Photo: Mei Lin",
        )
    return image


def test_the_featured_image_is_a_responsive_picture_above_the_article(
    client, ready_photo
):
    post = PostFactory(featured_image=ready_photo)
    html = client.get(post.get_absolute_url()).content.decode()
    figure = re.search(r'<figure class="article__figure">.*?</figure>', html, re.S)[0]
    assert '<source type="image/webp"' in figure
    img = re.search(r"<img [^>]+>", figure)[0]
    for attribute in (
        f'alt="{ready_photo.alt}"',
        'width="1600"',
        'height="1000"',
        'loading="eager"',
        'fetchpriority="high"',
        'decoding="async"',
        "1200w",
        "sizes=",
    ):
        assert attribute in img
    assert "The quiet room <small>Photo: Mei Lin</small>" in figure


def test_a_shared_article_offers_its_picture_with_size_and_alt(client, ready_photo):
    post = PostFactory(featured_image=ready_photo)
    html = client.get(post.get_absolute_url()).content.decode()
    jpeg_1200 = ready_photo.renditions.get(format="JPEG", width=1200)
    assert f'content="{settings_site_url()}{jpeg_1200.file.url}"' in html
    assert '<meta property="og:image:width" content="1200">' in html
    assert '<meta property="og:image:height" content="750">' in html
    assert f'<meta property="og:image:alt" content="{ready_photo.alt}">' in html
    assert '<meta property="og:image:type" content="image/jpeg">' in html
    assert 'content="summary_large_image"' in html


def settings_site_url():
    from django.conf import settings

    return settings.SITE_URL


def test_index_cards_show_a_small_rendition_lazy_below_the_first_screen(
    client, ready_photo
):
    for number in range(4):
        PostFactory(title=f"Card {number}", featured_image=ready_photo)
    html = client.get("/").content.decode()
    cards = re.findall(r'<div class="post-card__image">(.*?)</div>', html, re.S)
    assert len(cards) == 4
    loading = [re.search(r'loading="(\w+)"', card)[1] for card in cards]
    assert loading == ["eager", "eager", "lazy", "lazy"]
    for card in cards:
        assert "480w" in card
        assert 'sizes="(min-width: 40rem) 10rem, 5rem"' in card
        assert 'width="1600" height="1000"' in card


def test_the_index_runs_a_bounded_number_of_queries_with_pictures(
    client, ready_photo, author, django_assert_max_num_queries
):
    for number in range(30):
        PostFactory(author=author, featured_image=ready_photo, slug=f"with-{number}")
    with django_assert_max_num_queries(8):
        assert client.get("/").status_code == 200


def test_a_deleted_featured_image_leaves_the_article(
    client, ready_photo, django_capture_on_commit_callbacks
):
    post = PostFactory(featured_image=ready_photo)
    with django_capture_on_commit_callbacks(execute=True):
        delete_image(ready_photo)
    post.refresh_from_db()
    assert post.featured_image is None
    assert "article__figure" not in client.get(post.get_absolute_url()).content.decode()


def test_the_library_counts_featured_images_among_uses(ready_photo):
    PostFactory(title="Featured", featured_image=ready_photo)
    [use] = usage.uses_of(ready_photo)
    assert (use.title, use.how) == ("Featured", "featured image")


def test_an_article_is_not_published_with_a_picture_lacking_alt_text(library_image):
    silent = library_image(alt="", name="IMG_0001.jpg")
    post = PostFactory.build(featured_image=silent, body=f"![]({silent.reference_url})")
    with pytest.raises(ValidationError) as refused:
        post.full_clean(exclude=["author", "slug"])
    assert "featured_image" in refused.value.message_dict
    assert "IMG_0001.jpg" in refused.value.message_dict["body"][0]
    post.status = Post.Status.DRAFT
    post.full_clean(exclude=["author", "slug"])  # a draft may wait for its alt text


def test_an_article_with_five_pictures_keeps_to_the_weight_budget(
    client, ready_photo, library_image, django_capture_on_commit_callbacks
):
    """DESIGN §6: HTML + CSS ≤ 30 KB compressed, with five pictures, all lazy."""
    import gzip
    from pathlib import Path

    from django.contrib.staticfiles import finders

    with django_capture_on_commit_callbacks(execute=True):
        images = [ready_photo] + [
            library_image(pictures.phone_photo((1700, 1100), orientation=1))
            for _ in range(4)
        ]
    body = "\n\n".join(
        f"## Part {n}\n\n"
        + "A calm sentence. " * 60
        + f'\n\n![Picture {n}]({image.reference_url} "Caption {n}")'
        for n, image in enumerate(images)
    )
    post = PostFactory(body=body, featured_image=ready_photo)
    html = client.get(post.get_absolute_url()).content
    assert html.count(b"<figure>") == 5
    # The featured picture and the text's first load at once (LCP); four wait.
    assert html.count(b'loading="lazy"') == 4
    stylesheets = re.findall(rb'<link rel="stylesheet" href="/static/([^"]+)"', html)
    css = b"".join(
        Path(finders.find(name.decode())).read_bytes() for name in stylesheets
    )
    assert len(gzip.compress(html, 9)) + len(gzip.compress(css, 9)) <= 30 * 1024


def test_publishing_refuses_a_picture_lacking_alt_text_whatever_the_door(
    library_image,
):
    from meridian.journal.publishing import publish_page, publish_post

    silent = library_image(alt="", name="IMG_0002.jpg")
    post = PostFactory(
        status=Post.Status.DRAFT, published_at=None, featured_image=silent
    )
    with pytest.raises(ValidationError) as refused:
        publish_post(post)
    assert "featured_image" in refused.value.message_dict
    post.refresh_from_db()
    assert post.status == Post.Status.DRAFT
    page = PageFactory(published=False, body=f"Hi.\n\n![]({silent.reference_url})")
    with pytest.raises(ValidationError) as refused:
        publish_page(page)
    assert "IMG_0002.jpg" in refused.value.message_dict["body"][0]
    page.refresh_from_db()
    assert not page.published
