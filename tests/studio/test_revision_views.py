"""Revisions: who, when, what changed; a readable difference; one-click restore."""

import pytest
from django.test import Client

from meridian.journal.models import Post, Revision
from meridian.journal.publishing import publish_post
from tests.factories import PostFactory

pytestmark = pytest.mark.django_db


def save(client, post, body, **changes):
    post.refresh_from_db()
    return client.post(
        f"/studio/articles/{post.pk}/",
        {
            "title": post.title,
            "body": body,
            "slug": post.slug,
            "comments_open": "on",
            "version": post.version,
            "action": "save",
            **changes,
        },
    )


@pytest.fixture
def history(as_person, writer, editor):
    post = PostFactory(
        author=writer,
        title="Breathing",
        slug="breathing",
        body="Breathe in.",
        status=Post.Status.DRAFT,
    )
    save(as_person(writer), post, "Breathe in slowly.\n\nHold for a moment.")
    save(
        as_person(editor),
        post,
        "Breathe in very slowly.\n\nHold for a moment.\n\nLet go.",
    )
    post.refresh_from_db()
    publish_post(post)
    return post


def test_the_list_says_who_changed_what_and_when(as_person, editor, history):
    page = as_person(editor).get(f"/studio/articles/{history.pk}/revisions/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "Samuel Okafor" in html
    assert "Mei Lin" in html
    assert "Text" in html  # the body changed


def test_two_revisions_compare_word_by_word(as_person, editor, history):
    newer, older = history.revisions.filter(kind="saved")[:2]
    html = (
        as_person(editor)
        .get(
            f"/studio/articles/{history.pk}/revisions/compare/",
            {"old": older.pk, "new": newer.pk},
        )
        .content.decode()
    )
    assert "<ins>very </ins>" in html
    assert "<ins>Let go.</ins>" in html


def test_comparing_nonsense_is_a_message_not_an_error(as_person, editor, history):
    response = as_person(editor).get(
        f"/studio/articles/{history.pk}/revisions/compare/",
        {"old": "x", "new": "99999"},
    )
    assert response.status_code == 302


def test_restoring_makes_a_new_revision_with_the_old_text(as_person, editor, history):
    older = history.revisions.filter(kind="saved")[1]
    count = history.revisions.count()
    response = as_person(editor).post(
        f"/studio/articles/{history.pk}/revisions/{older.pk}/restore/"
    )
    assert response.status_code == 302
    history.refresh_from_db()
    assert history.body == "Breathe in slowly.\n\nHold for a moment."
    assert history.revisions.count() == count + 1
    newest = history.revisions.filter(kind=Revision.Kind.SAVED).first()
    assert newest.note.startswith("Restored the revision of")
    assert "very" not in Client().get(history.get_absolute_url()).content.decode()


def test_an_author_may_not_restore_a_published_article(as_person, writer, history):
    older = history.revisions.filter(kind="saved")[1]
    as_person(writer).post(
        f"/studio/articles/{history.pk}/revisions/{older.pk}/restore/"
    )
    history.refresh_from_db()
    assert "very" in history.body


def test_an_author_restores_their_own_draft(as_person, writer):
    post = PostFactory(author=writer, status=Post.Status.DRAFT, body="One")
    client = as_person(writer)
    save(client, post, "Two")
    first = post.revisions.get(body="Two")
    save(client, post, "Three")
    client.post(f"/studio/articles/{post.pk}/revisions/{first.pk}/restore/")
    post.refresh_from_db()
    assert post.body == "Two"


def test_others_revisions_are_refused(as_person, other_writer, history):
    revision = history.revisions.first()
    client = as_person(other_writer)
    assert client.get(f"/studio/articles/{history.pk}/revisions/").status_code == 403
    url = f"/studio/articles/{history.pk}/revisions/{revision.pk}/restore/"
    assert client.post(url).status_code == 403
