"""The moderation queue: who may see it, filters, counts, bulk actions, context."""

import pytest
from django.test import Client

from meridian.comments.models import Comment
from meridian.journal.models import Post
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
Status = Comment.Status


@pytest.fixture
def queue_client(client, moderator, site):
    client.force_login(moderator)
    return client


def test_only_moderators_open_the_queue(client, reader, site):
    assert client.get("/comments/moderation/").status_code == 302  # to sign in
    client.force_login(reader)
    assert client.get("/comments/moderation/").status_code == 403
    client.force_login(UserFactory(is_staff=True))
    assert client.get("/comments/moderation/").status_code == 403
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    assert client.get("/comments/moderation/").status_code == 200


def test_queue_filters_by_status_with_counts_and_thread_context(
    queue_client, post, reader
):
    parent = Comment.objects.create(
        post=post, author=reader, body="The question", status=Status.APPROVED
    )
    Comment.objects.create(post=post, author=reader, body="Held reply", parent=parent)
    Comment.objects.create(post=post, author=reader, body="Junk", status=Status.SPAM)
    html = queue_client.get("/comments/moderation/").content.decode()
    assert "Held reply" in html
    assert "In reply to Ada Reader" in html
    assert "The question" in html
    assert "Junk" not in html
    assert 'Awaiting moderation <span class="chip">1</span>' in html
    assert 'Spam <span class="chip">1</span>' in html
    spam = queue_client.get("/comments/moderation/?status=spam").content.decode()
    assert "Junk" in spam
    assert "Held reply" not in spam
    assert queue_client.get("/comments/moderation/?status=nope").status_code == 200


@pytest.mark.parametrize(
    ("action", "status", "count"),
    [("approve", "approved", 2), ("spam", "spam", 0), ("remove", "removed", 0)],
)
def test_bulk_actions_change_status_and_the_count(
    queue_client,
    post,
    reader,
    django_capture_on_commit_callbacks,
    action,
    status,
    count,
):
    held = [
        Comment.objects.create(post=post, author=reader, body=f"Held {n}")
        for n in range(3)
    ]
    with django_capture_on_commit_callbacks(execute=True):
        response = queue_client.post(
            "/comments/moderation/?status=pending",
            {"ids": [held[0].pk, held[1].pk, "junk"], "action": action},
        )
    assert response.status_code == 302
    assert sorted(Comment.objects.values_list("status", flat=True)) == sorted(
        [status, status, "pending"]
    )
    post.refresh_from_db()
    assert post.comment_count == count
    follow = queue_client.get(response["Location"]).content.decode()
    assert "2 comments updated." in follow


def test_bulk_action_without_a_choice_says_so(queue_client, post):
    response = queue_client.post(
        "/comments/moderation/", {"action": "approve"}, follow=True
    )
    assert "Choose comments and an action." in response.content.decode()
    response = queue_client.post(
        "/comments/moderation/", {"ids": ["1"], "action": "x"}, follow=True
    )
    assert "Choose comments and an action." in response.content.decode()


def test_queue_needs_a_csrf_token(moderator, post, reader, site):
    held = Comment.objects.create(post=post, author=reader, body="Held")
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(moderator)
    response = browser.post(
        "/comments/moderation/", {"ids": [held.pk], "action": "approve"}
    )
    assert response.status_code == 403
    assert Comment.objects.get().status == Status.PENDING


def test_admin_lists_comments_and_its_actions_keep_the_count(
    client, post, reader, site, django_capture_on_commit_callbacks
):
    admin = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(admin)
    held = Comment.objects.create(post=post, author=reader, body="Held in admin")
    assert "Held in admin" in client.get("/admin/comments/comment/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/admin/comments/comment/",
            {"action": "approve_comment", "_selected_action": [held.pk]},
        )
    post.refresh_from_db()
    assert post.comment_count == 1
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/admin/comments/comment/{held.pk}/delete/", {"post": "yes"})
    post.refresh_from_db()
    assert post.comment_count == 0


def test_admin_edits_the_text_and_readers_see_it(
    client, post, reader, site, settings, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE = True
    comment = Comment.objects.create(
        post=post, author=reader, body="Typo", status=Status.APPROVED
    )
    Post.objects.filter(pk=post.pk).update(comment_count=1)
    assert "Typo" in Client().get(post.get_absolute_url()).content.decode()
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    page = client.get(f"/admin/comments/comment/{comment.pk}/change/")
    assert page.status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/admin/comments/comment/{comment.pk}/change/",
            {"guest_name": "", "guest_email": "", "body": "Fixed **text**"},
        )
    assert response.status_code == 302, response.context["adminform"].form.errors
    comment.refresh_from_db()
    assert comment.body_html == "<p>Fixed <strong>text</strong></p>\n"
    assert comment.post == post
    reader_page = Client().get(post.get_absolute_url())
    assert reader_page["X-Cache"] == "miss"
    assert "Fixed <strong>text</strong>" in reader_page.content.decode()
