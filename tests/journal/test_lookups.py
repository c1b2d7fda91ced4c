"""The article found by its address is kept between requests (journal/lookups.py)
only while nothing it carries has changed.

Transactional tests with rendered fragments kept and the page cache off, as for
signed-in readers and first views: a change is seen once it commits.
"""

from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from meridian.comments import actions
from meridian.comments.models import Comment
from meridian.journal.models import Post
from tests.factories import PostFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("rendered_fragments"),
]


def _get(post, client=None):
    return (client or Client()).get(post.get_absolute_url())


def _looks_up_the_article(post) -> bool:
    with CaptureQueriesContext(connection) as queries:
        assert _get(post).status_code == 200
    return any('FROM "journal_post"' in query["sql"] for query in queries)


def test_an_article_is_looked_up_once_while_nothing_changes(post):
    assert _looks_up_the_article(post)
    assert not _looks_up_the_article(post)
    post.title = "Needles, explained again"
    post.save()
    assert _looks_up_the_article(post)
    assert "Needles, explained again" in _get(post).content.decode()


def test_an_unpublished_or_deleted_article_is_gone_at_once(post, author):
    assert _get(post).status_code == 200
    post.status = Post.Status.DRAFT
    post.save()
    assert _get(post).status_code == 404
    other = PostFactory(author=author, title="Cupping, explained")
    assert _get(other).status_code == 200
    other.delete()
    assert _get(other).status_code == 404


def test_the_category_the_author_and_the_comment_count_show_at_once(
    post, author, category
):
    assert "Treatments" in _get(post).content.decode()
    category.name = "Therapies"
    category.save()
    author.display_name = "Mei Lin-Okafor"
    author.save()
    comment = Comment.objects.create(post=post, author=author, body="Words")
    actions.approve_comment(comment.pk)
    page = _get(post).content.decode()
    assert ">Therapies</a>" in page
    assert "Mei Lin-Okafor" in page
    assert ">1 comment</h2>" in page


def test_a_scheduled_article_shows_at_its_time_with_nothing_saved(author):
    """An address that found nothing is never kept."""
    later = timezone.now() + timedelta(minutes=5)
    scheduled = PostFactory(author=author, title="Soon", published_at=later)
    assert _get(scheduled).status_code == 404
    with time_machine.travel(later + timedelta(seconds=1)):
        assert _get(scheduled).status_code == 200


def test_each_request_gets_its_own_copy_of_the_kept_article(post):
    from meridian.core import dependencies
    from meridian.journal import lookups

    with dependencies.request_versions():
        first = lookups.published_post(post.slug)
        first.title = "Changed by one request only"
    with dependencies.request_versions():
        second = lookups.published_post(post.slug)
    assert second is not first
    assert second.title == post.title
    assert second.author is first.author  # the related rows are shared, read only
    assert "Changed by one request only" not in _get(post).content.decode()
