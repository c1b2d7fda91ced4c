"""Draft → In review → Scheduled → Published, and Unpublish: per role, over HTTP."""

from datetime import timedelta

import feedparser
import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from meridian.journal.models import Post, Redirect
from tests.factories import PostFactory

from .conftest import edit_url

pytestmark = pytest.mark.django_db


def send(client, post, action, **changes):
    post.refresh_from_db()
    data = {
        "title": post.title,
        "body": post.body,
        "slug": post.slug,
        "comments_open": "on",
        "version": post.version,
        "action": action,
        **changes,
    }
    return client.post(edit_url(post), data)


@pytest.fixture
def draft(writer):
    return PostFactory(
        author=writer,
        title="Qi and sleep",
        slug="qi-and-sleep",
        status=Post.Status.DRAFT,
        published_at=None,
    )


def local_input(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


# Who may open and change an article ------------------------------------------


@pytest.mark.parametrize(
    ("role", "own", "status"),
    [
        ("writer", True, 200),
        ("other_writer", False, 403),
        ("editor", False, 200),
        ("administrator", False, 200),
        ("reader", False, 403),
    ],
)
def test_who_may_open_an_article(request, as_person, draft, role, own, status):
    person = request.getfixturevalue(role)
    client = as_person(person)
    assert (draft.author == person) is own
    assert client.get(edit_url(draft)).status_code == status
    saved = send(client, draft, "save", body="Changed")
    assert saved.status_code == (302 if status == 200 else 403)
    autosave = client.post(edit_url(draft) + "autosave/", {"body": "x", "version": 1})
    assert autosave.status_code == status
    assert client.get(edit_url(draft) + "revisions/").status_code == status


def test_signed_out_people_are_sent_to_sign_in(client, draft):
    for url in ("/studio/articles/", edit_url(draft), edit_url(draft) + "revisions/"):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")


def test_an_author_lists_only_their_own_articles(
    as_person, writer, other_writer, draft
):
    PostFactory(author=other_writer, title="Not mine")
    page = as_person(writer).get("/studio/articles/").content.decode()
    assert "Qi and sleep" in page
    assert "Not mine" not in page


def test_the_article_list_shows_true_states(as_person, editor, writer):
    PostFactory(
        author=writer, title="Soon", published_at=timezone.now() + timedelta(hours=3)
    )
    page = as_person(editor).get("/studio/articles/?state=scheduled").content.decode()
    assert "Soon" in page
    assert "Scheduled for" in page
    assert "state--published" not in page


# Transitions ------------------------------------------------------------------


def test_an_author_submits_a_draft_for_review(as_person, writer, draft):
    response = send(as_person(writer), draft, "submit", body="Ready.")
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == Post.Status.REVIEW
    assert draft.body == "Ready."
    assert draft.revisions.filter(note="Submitted for review").exists()


@pytest.mark.parametrize("action", ["publish", "schedule", "unpublish"])
def test_an_author_may_not_publish_schedule_or_unpublish(
    as_person, writer, draft, action
):
    draft.status = Post.Status.REVIEW
    draft.save()
    soon = local_input(timezone.now() + timedelta(days=1))
    response = send(as_person(writer), draft, action, publish_at=soon)
    assert response.status_code == 403
    draft.refresh_from_db()
    assert draft.status == Post.Status.REVIEW


@pytest.mark.parametrize("role", ["editor", "administrator"])
def test_editors_publish_a_submitted_article(request, as_person, draft, role):
    draft.status = Post.Status.REVIEW
    draft.save()
    response = send(as_person(request.getfixturevalue(role)), draft, "publish")
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.is_public
    assert Client().get(draft.get_absolute_url()).status_code == 200


def test_an_editor_unpublishes_an_article(as_person, editor, writer):
    post = PostFactory(author=writer)
    assert send(as_person(editor), post, "unpublish").status_code == 302
    post.refresh_from_db()
    assert post.status == Post.Status.DRAFT
    assert Client().get(post.get_absolute_url()).status_code == 404


def test_an_editor_schedules_an_article_in_review(as_person, editor, draft):
    draft.status = Post.Status.REVIEW
    draft.save()
    when = timezone.now() + timedelta(days=1)
    response = send(as_person(editor), draft, "schedule", publish_at=local_input(when))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.state == "scheduled"
    assert draft.revisions.filter(note="Scheduled").exists()
    assert Client().get(draft.get_absolute_url()).status_code == 404


def test_an_editor_unpublishes_a_scheduled_article(as_person, editor, draft):
    client = as_person(editor)
    when = timezone.now() + timedelta(hours=2)
    send(client, draft, "schedule", publish_at=local_input(when))
    assert "Scheduled for" in client.get(edit_url(draft)).content.decode()
    assert send(client, draft, "unpublish").status_code == 302
    draft.refresh_from_db()
    assert draft.status == Post.Status.DRAFT
    assert "Scheduled for" not in client.get(edit_url(draft)).content.decode()
    # Its time comes and goes: readers never see it.
    with time_machine.travel(when + timedelta(minutes=1)):
        assert Client().get(draft.get_absolute_url()).status_code == 404


def test_an_administrator_submits_schedules_and_unpublishes(
    as_person, administrator, draft
):
    client = as_person(administrator)
    assert send(client, draft, "submit").status_code == 302
    draft.refresh_from_db()
    assert draft.status == Post.Status.REVIEW
    when = timezone.now() + timedelta(hours=2)
    scheduled = send(client, draft, "schedule", publish_at=local_input(when))
    assert scheduled.status_code == 302
    draft.refresh_from_db()
    assert draft.state == "scheduled"
    assert send(client, draft, "unpublish").status_code == 302
    draft.refresh_from_db()
    assert draft.status == Post.Status.DRAFT
    notes = set(draft.revisions.values_list("note", flat=True))
    assert {"Submitted for review", "Scheduled", "Unpublished"} <= notes


def test_an_administrator_unpublishes_a_published_article(
    as_person, administrator, writer
):
    post = PostFactory(author=writer)
    assert send(as_person(administrator), post, "unpublish").status_code == 302
    post.refresh_from_db()
    assert post.status == Post.Status.DRAFT
    assert Client().get(post.get_absolute_url()).status_code == 404


def test_unpublishing_a_draft_is_refused_with_a_message(as_person, editor, draft):
    response = send(as_person(editor), draft, "unpublish")
    assert response.status_code == 302
    assert "not published" in as_person(editor).get(edit_url(draft)).content.decode()


def test_scheduling_in_the_past_is_refused_and_the_text_kept(as_person, editor, draft):
    past = local_input(timezone.now() - timedelta(hours=1))
    response = send(as_person(editor), draft, "schedule", publish_at=past, body="Keep")
    assert response.status_code == 400
    assert "moment in the future" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == Post.Status.DRAFT


def test_a_scheduled_article_appears_at_its_time_without_any_job(
    as_person, editor, draft
):
    when = timezone.now() + timedelta(hours=2)
    response = send(as_person(editor), draft, "schedule", publish_at=local_input(when))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.state == "scheduled"
    page = as_person(editor).get(edit_url(draft)).content.decode()
    assert "Scheduled for" in page
    reader = Client()
    assert "Qi and sleep" not in reader.get("/").content.decode()
    assert reader.get(draft.get_absolute_url()).status_code == 404
    with time_machine.travel(when + timedelta(minutes=1)):
        assert "Qi and sleep" in reader.get("/").content.decode()
        feed = feedparser.parse(reader.get("/feed/").content)
        assert "Qi and sleep" in [entry.title for entry in feed.entries]
        assert reader.get(draft.get_absolute_url()).status_code == 200


def test_renaming_a_published_article_in_the_studio_keeps_the_old_address(
    as_person, editor, writer
):
    post = PostFactory(author=writer, slug="old-name")
    send(as_person(editor), post, "save", slug="new-name")
    response = Client().get("/articles/old-name/")
    assert response.status_code == 301
    assert response["Location"] == "/articles/new-name/"
    assert Redirect.objects.filter(old_path="/articles/old-name/").exists()


def test_editors_record_the_medical_review_authors_cannot(
    as_person, editor, writer, draft
):
    send(as_person(writer), draft, "save", reviewed_by="Dr. Nobody")
    draft.refresh_from_db()
    assert draft.reviewed_by == ""
    today = timezone.localdate().isoformat()
    send(
        as_person(editor),
        draft,
        "save",
        reviewed_by="Dr. Ana Ruiz, MD",
        last_reviewed=today,
    )
    draft.refresh_from_db()
    assert draft.reviewed_by == "Dr. Ana Ruiz, MD"
    assert draft.last_reviewed.isoformat() == today
