"""What a comment forgets: its article's page, its comment feeds and the
listings that show its count; other articles stay cached. Transactional, with
fragments kept and the page cache on, as on a running site."""

import pytest
from django.test import Client

from meridian.comments import actions
from meridian.comments.models import Comment
from tests.comments.conftest import form_fields
from tests.factories import PostFactory
from tests.helpers import cache_state, configure_site, warm

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("rendered_fragments"),
]


@pytest.fixture
def anonymous(settings):
    settings.PAGE_CACHE = True
    configure_site(
        comment_min_seconds=0, staff_require_2fa=False, hold_first_comment=False
    )
    return Client()


@pytest.fixture
def other(author):
    return PostFactory(author=author, title="Another article")


def _feeds(post) -> list[str]:
    url = post.get_absolute_url()
    return [f"{url}comments/feed/", f"{url}comments/feed/atom/"]


def test_a_comment_refreshes_its_article_feeds_and_counts_only(
    anonymous, reader_client, post, other
):
    warm(anonymous, post.get_absolute_url(), *_feeds(post), "/")
    warm(anonymous, other.get_absolute_url(), *_feeds(other))
    page = reader_client.get(post.get_absolute_url()).content.decode()
    data = form_fields(page) | {"body": "Thank you, this helped."}
    assert reader_client.post(f"/comments/post/{post.pk}/", data).status_code == 302

    assert cache_state(anonymous, post.get_absolute_url()) == "miss"
    assert "Thank you, this helped." in (
        anonymous.get(post.get_absolute_url()).content.decode()
    )
    for url in _feeds(post):
        assert cache_state(anonymous, url) == "miss", url
        assert "Thank you, this helped." in anonymous.get(url).content.decode()
    assert cache_state(anonymous, "/") == "miss"  # the card's count
    assert "1 comment" in anonymous.get("/").content.decode()
    for url in [other.get_absolute_url(), *_feeds(other)]:
        assert cache_state(anonymous, url) == "hit", url


def test_moderation_and_edits_refresh_the_article_only(anonymous, reader, post, other):
    comment = Comment.objects.create(post=post, author=reader, body="Held for now")
    warm(anonymous, post.get_absolute_url(), other.get_absolute_url())
    actions.approve_comment(comment.pk)
    assert "Held for now" in anonymous.get(post.get_absolute_url()).content.decode()
    actions.edit_comment(comment, "Edited words")
    assert "Edited words" in anonymous.get(post.get_absolute_url()).content.decode()
    assert cache_state(anonymous, other.get_absolute_url()) == "hit"
