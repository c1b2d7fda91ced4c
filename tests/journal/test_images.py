"""Articles show library images, and follow their changes without an "Updated"."""

import pytest

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
