"""The thread on the article page: bounded queries, order, pages, the page cache."""

from html.parser import HTMLParser

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from meridian.comments.models import Comment
from meridian.journal.models import Post
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
Status = Comment.Status


def make_thread(post, tops: int, replies_each: int):
    people = [UserFactory() for _ in range(5)]
    for n in range(tops):
        top = Comment.objects.create(
            post=post, author=people[n % 5], body=f"Top {n}", status=Status.APPROVED
        )
        parent = top
        for r in range(replies_each):
            parent = Comment.objects.create(
                post=post,
                author=people[r % 5],
                body=f"Reply {n}.{r}",
                status=Status.APPROVED,
                parent=parent if r < 2 else top,
            )
    Post.objects.filter(pk=post.pk).update(
        comment_count=Comment.objects.approved().filter(post=post).count()
    )


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize(("tops", "replies"), [(1, 0), (50, 3), (120, 2)])
def test_article_page_stays_within_eight_queries(client, post, site, tops, replies):
    make_thread(post, tops, replies)
    client.get("/")  # warm the site-settings cache, as a running site has it
    assert count_queries(client, post.get_absolute_url()) <= 8
    assert count_queries(client, post.get_absolute_url() + "?comments-page=2") <= 8


def test_signed_in_reader_page_stays_within_budget(reader_client, post, site):
    make_thread(post, 50, 3)
    reader_client.get("/")
    # Session, user and email confirmation add three; comments still take two.
    assert count_queries(reader_client, post.get_absolute_url()) <= 11


def test_threads_are_oldest_first_with_replies_nested(client, post, site):
    make_thread(post, 3, 3)
    html = client.get(post.get_absolute_url()).content.decode()
    order = [html.index(text) for text in ["Top 0", "Reply 0.0", "Reply 0.1", "Top 1"]]
    assert order == sorted(order)
    assert "12 comments" in html


def test_replies_under_a_held_or_spam_comment_are_hidden(client, post, site, reader):
    spam = Comment.objects.create(
        post=post, author=reader, body="Spam", status=Status.SPAM
    )
    Comment.objects.create(
        post=post, author=reader, body="Under spam", status=Status.APPROVED, parent=spam
    )
    html = client.get(post.get_absolute_url()).content.decode()
    assert "Under spam" not in html
    assert "Spam" not in html.split('id="comments"')[1]


def test_readers_see_a_new_comment_through_the_page_cache(
    reader_client, reader, post, site, send, settings
):
    settings.PAGE_CACHE = True
    client = Client()
    Comment.objects.create(post=post, author=reader, body="x", status=Status.APPROVED)
    assert client.get(post.get_absolute_url()).headers.get("X-Cache") == "miss"
    assert client.get(post.get_absolute_url()).headers.get("X-Cache") == "hit"
    send(reader_client, post, "Fresh comment.")
    response = client.get(post.get_absolute_url())
    assert response.headers.get("X-Cache") == "miss"
    assert "Fresh comment." in response.content.decode()


def test_a_moderation_reaches_cached_pages(
    client, moderator, reader, post, site, settings, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE = True
    held = Comment.objects.create(post=post, author=reader, body="Held words")
    assert "Held words" not in client.get(post.get_absolute_url()).content.decode()
    moderating = Client()
    moderating.force_login(moderator)
    with django_capture_on_commit_callbacks(execute=True):
        moderating.post(
            "/comments/moderation/", {"ids": [held.pk], "action": "approve"}
        )
    assert "Held words" in client.get(post.get_absolute_url()).content.decode()
    assert "1 comment" in client.get("/").content.decode()


class _Nesting(HTMLParser):
    """Record, for each comment <li>, the comment <li> it sits in."""

    def __init__(self):
        super().__init__()
        self.stack: list[str] = []
        self.parents: dict[str, str | None] = {}

    def handle_starttag(self, tag, attrs):
        if tag == "li":
            ident = dict(attrs).get("id", "")
            if ident.startswith("comment-"):
                self.parents[ident] = next(
                    (i for i in reversed(self.stack) if i.startswith("comment-")), None
                )
            self.stack.append(ident)

    def handle_endtag(self, tag):
        if tag == "li":
            self.stack.pop()


def test_the_flat_loop_nests_every_reply_under_its_parent(client, post, site, reader):
    def add(parent=None, status=Status.APPROVED):
        return Comment.objects.create(
            post=post, author=reader, body="x", status=status, parent=parent
        )

    a = add()
    b = add(a)
    c = add(b)
    d = add(a)
    e = add()
    removed = add(status=Status.REMOVED)
    f = add(removed)
    g = add(f)
    h = add()
    Post.objects.filter(pk=post.pk).update(comment_count=8)
    html = client.get(post.get_absolute_url()).content.decode()
    section = html[html.index('<section id="comments"') : html.index('id="respond"')]
    nesting = _Nesting()
    nesting.feed(section)
    name = "comment-{}".format
    assert nesting.parents == {
        name(a.pk): None,
        name(b.pk): name(a.pk),
        name(c.pk): name(b.pk),
        name(d.pk): name(a.pk),
        name(e.pk): None,
        name(removed.pk): None,
        name(f.pk): name(removed.pk),
        name(g.pk): name(f.pk),
        name(h.pk): None,
    }
    assert nesting.stack == []
    assert section.count("<ol") == section.count("</ol>")
