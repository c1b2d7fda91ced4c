"""Emails about comments, and the signed links in them followed by a browser."""

import re

import pytest
from django.core import mail
from django.test import Client

from meridian.comments.models import Comment
from meridian.comments.notifications import moderation_token
from tests.comments.conftest import confirmed_reader
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
Status = Comment.Status


def links(message) -> list[str]:
    return [
        url.removeprefix("http://127.0.0.1:8000")
        for url in re.findall(r"http://\S+", message.body)
    ]


def link_to(message, part: str) -> str:
    return next(url for url in links(message) if part in url)


def test_author_and_moderators_are_told_of_a_held_comment(
    reader_client, post, moderator, site, send
):
    outsider = UserFactory(is_staff=True)  # staff without the permission
    send(reader_client, post, "Does it hurt?")
    recipients = sorted(address for m in mail.outbox for address in m.to)
    assert recipients == sorted([post.author.email, moderator.email])
    assert outsider.email not in recipients
    message = mail.outbox[0]
    assert "awaiting moderation" in message.subject
    assert "Needles, explained" in message.subject
    assert "Does it hurt?" in message.body
    assert "first comment" in message.body
    assert "/comments/moderate/" in link_to(message, "/moderate/")


def test_signed_approve_link_asks_then_approves(
    reader_client,
    client,
    post,
    moderator,
    site,
    send,
    django_capture_on_commit_callbacks,
):
    send(reader_client, post, "Does it hurt?")
    comment = Comment.objects.get()
    approve = next(u for u in links(mail.outbox[0]) if "/moderate/" in u)
    page = client.get(approve)  # a link scanner, or the moderator's first click
    assert page.status_code == 200
    assert "Approve this comment?" in page.content.decode()
    comment.refresh_from_db()
    assert comment.status == Status.PENDING
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(approve)
    assert "The comment is approved" in done.content.decode()
    comment.refresh_from_db()
    assert comment.status == Status.APPROVED
    post.refresh_from_db()
    assert post.comment_count == 1
    assert "Does it hurt?" in client.get(post.get_absolute_url()).content.decode()
    again = client.post(approve)  # idempotent
    assert again.status_code == 200
    post.refresh_from_db()
    assert post.comment_count == 1


def test_signed_spam_link_marks_spam(
    reader_client, client, post, moderator, site, send
):
    send(reader_client, post, "Cheap pills")
    spam = links(mail.outbox[0])
    spam_link = [u for u in spam if "/moderate/" in u][1]
    client.post(spam_link)
    assert Comment.objects.get().status == Status.SPAM


@pytest.mark.parametrize(
    "token", ["nonsense", "eyJjIjoxLCJhIjoiYXBwcm92ZSJ9:x:y", "a" * 500]
)
def test_bad_or_forged_moderation_links_change_nothing(client, post, token):
    assert client.get(f"/comments/moderate/{token}/").status_code == 400
    assert client.post(f"/comments/moderate/{token}/").status_code == 400


def test_a_moderation_link_for_another_action_cannot_be_forged(client, post, reader):
    comment = Comment.objects.create(post=post, author=reader, body="x")
    token = moderation_token(comment.pk, "approve")
    _payload, stamp, signature = token.split(":")
    spam_payload = moderation_token(comment.pk, "spam").split(":")[0]
    tampered = f"{spam_payload}:{stamp}:{signature}"
    assert client.post(f"/comments/moderate/{tampered}/").status_code == 400
    assert Comment.objects.get().status == Status.PENDING


def test_the_writer_is_not_emailed_about_their_own_comment(client, post, site, send):
    client.force_login(post.author)
    send(client, post, "Author's own note.")
    assert [m for m in mail.outbox if post.author.email in m.to] == []


def test_reply_email_is_sent_on_opt_in_with_one_click_unsubscribe(
    reader_client, reader, client, post, site, send
):
    mine = Comment.objects.create(
        post=post,
        author=reader,
        body="My question",
        status=Status.APPROVED,
        notify_on_reply=True,
    )
    other = confirmed_reader(display_name="Bea")
    Comment.objects.create(post=post, author=other, body="x", status=Status.APPROVED)
    client.force_login(other)
    send(client, post, "Bea's answer", parent=mine.pk)
    replies = [m for m in mail.outbox if reader.email in m.to]
    assert len(replies) == 1
    message = replies[0]
    assert "Bea replied to your comment" in message.subject
    assert "Bea's answer" in message.body
    unsubscribe = message.extra_headers["List-Unsubscribe"].strip("<>")
    assert (
        message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    )
    assert unsubscribe.removeprefix("http://127.0.0.1:8000") in links(message)
    path = unsubscribe.removeprefix("http://127.0.0.1:8000")
    # A mail app's one-click POST: no cookie, no CSRF token, done twice.
    mail_app = Client(enforce_csrf_checks=True)
    assert mail_app.get(path).status_code == 200
    mine.refresh_from_db()
    assert mine.notify_on_reply  # a GET changes nothing
    for _ in range(2):
        response = mail_app.post(path, {"List-Unsubscribe": "One-Click"})
        assert response.status_code == 200
    mine.refresh_from_db()
    assert not mine.notify_on_reply
    mail.outbox.clear()
    send(client, post, "Another answer", parent=mine.pk)
    assert [m for m in mail.outbox if reader.email in m.to] == []
    assert mail_app.post("/comments/unsubscribe/bad-token/").status_code == 400


def test_no_reply_email_without_opt_in(reader_client, reader, client, post, site, send):
    mine = Comment.objects.create(
        post=post, author=reader, body="Q", status=Status.APPROVED
    )
    other = confirmed_reader()
    Comment.objects.create(post=post, author=other, body="x", status=Status.APPROVED)
    client.force_login(other)
    send(client, post, "Answer", parent=mine.pk)
    assert [m for m in mail.outbox if reader.email in m.to] == []


def test_a_held_reply_emails_the_parent_writer_once_approved(
    reader_client,
    reader,
    client,
    post,
    moderator,
    site,
    send,
    django_capture_on_commit_callbacks,
):
    mine = Comment.objects.create(
        post=post, author=reader, body="Q", status=Status.APPROVED, notify_on_reply=True
    )
    client.force_login(confirmed_reader())
    send(client, post, "First-time answer", parent=mine.pk)
    reply = Comment.objects.get(body="First-time answer")
    assert reply.status == Status.PENDING
    assert [m for m in mail.outbox if reader.email in m.to] == []
    client.force_login(moderator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/comments/moderation/", {"ids": [reply.pk], "action": "approve"})
    assert len([m for m in mail.outbox if reader.email in m.to]) == 1


def test_a_failing_notification_never_loses_the_comment(
    reader_client, reader, post, moderator, site, send, monkeypatch
):
    def broken(*args, **kwargs):
        raise RuntimeError("template trouble")

    monkeypatch.setattr("meridian.comments.notifications.render_to_string", broken)
    Comment.objects.create(post=post, author=reader, body="x", status=Status.APPROVED)
    response = send(reader_client, post, "Kept despite the mail.")
    assert response.status_code == 302
    assert Comment.objects.filter(body="Kept despite the mail.").exists()
