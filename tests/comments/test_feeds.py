import feedparser
import pytest

from meridian.comments.models import Comment
from meridian.journal.models import Post
from tests.factories import PostFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("suffix", ["", "atom/"])
def test_article_comment_feed_lists_approved_comments(client, post, reader, suffix):
    Comment.objects.create(
        post=post, author=reader, body="Public *words*", status=Comment.Status.APPROVED
    )
    Comment.objects.create(post=post, author=reader, body="Held words")
    response = client.get(f"/articles/{post.slug}/comments/feed/{suffix}")
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert feed.feed.title == "Comments on “Needles, explained”"
    assert [entry.title for entry in feed.entries] == ["Comment by Ada Reader"]
    assert "<em>words</em>" in feed.entries[0].summary
    assert feed.entries[0].link.startswith("http://127.0.0.1:8000/comments/")
    assert b"Held words" not in response.content


def test_the_article_links_its_comment_feeds(client, post):
    html = client.get(post.get_absolute_url()).content.decode()
    assert f'href="/articles/{post.slug}/comments/feed/"' in html


def test_no_feed_for_a_draft(client, author):
    draft = PostFactory(author=author, status=Post.Status.DRAFT)
    assert client.get(f"/articles/{draft.slug}/comments/feed/").status_code == 404
