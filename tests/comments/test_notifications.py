"""Emails about comments, and the signed links in them followed by a browser."""

import re

import pytest
from django.core import mail
from django.test import Client
from django_tasks_db.models import DBTaskResult

from meridian.comments import notifications
from meridian.comments.models import Comment
from meridian.comments.notifications import moderation_token
from tests.comments.conftest import configure_site, confirmed_reader
from tests.factories import UserFactory
from tests.helpers import run_queued

pytestmark = pytest.mark.django_db
Status = Comment.Status


def links(message) -> list[str]:
    return [
        url.removeprefix("http://127.0.0.1:8000")
        for url in re.findall(r"http://\S+", message.body)
    ]


def link_to(message, part: str) -> str:
    return next(url for url in links(message) if part in url)


def test_only_moderators_are_told_of_a_held_comment(
    reader_client, post, moderator, site, send
):
    outsider = UserFactory(is_staff=True)  # staff without the permission
    send(reader_client, post, "Does it hurt?")
    recipients = sorted(address for m in mail.outbox for address in m.to)
    # Not the article's author, who may not moderate: a held comment may
    # carry a phone number or a health detail.
    assert recipients == [moderator.email]
    assert outsider.email not in recipients
    message = mail.outbox[0]
    assert "awaiting moderation" in message.subject
    assert "Needles, explained" in message.subject
    assert "Does it hurt?" in message.body
    assert "first comment" in message.body
    assert "/comments/moderate/" in link_to(message, "/moderate/")


def test_comment_emails_are_html_and_text_from_the_sites_own_name(
    reader_client, post, moderator, site, send
):
    configure_site(name="Riverside Clinic")
    send(reader_client, post, "Does *it* hurt?")
    message = mail.outbox[0]
    assert message.from_email == "Riverside Clinic <noreply@127.0.0.1>"
    assert message.subject.startswith("Riverside Clinic: ")
    assert message.body.startswith("Hello from Riverside Clinic,")
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert "Riverside Clinic" in html
    assert "<em>it</em>" in html
    assert 'href="http://127.0.0.1:8000/comments/moderate/' in html


def test_the_author_is_told_of_a_published_comment_without_moderation_links(
    reader_client, reader, post, moderator, site, send
):
    Comment.objects.create(post=post, author=reader, body="x", status=Status.APPROVED)
    send(reader_client, post, "Thank you for this.")
    to_author = [m for m in mail.outbox if post.author.email in m.to]
    assert len(to_author) == 1
    assert "Thank you for this." in to_author[0].body
    for message in mail.outbox:
        assert "/moderate/" not in message.body
        assert "/moderate/" not in message.alternatives[0][0]


def test_a_signed_out_moderator_signs_in_then_confirms_then_approves(
    reader_client,
    post,
    moderator,
    site,
    send,
    django_capture_on_commit_callbacks,
):
    send(reader_client, post, "Does it hurt?")
    comment = Comment.objects.get()
    approve = link_to(mail.outbox[0], "/moderate/")
    client = Client()
    response = client.get(approve)  # a link scanner, or a signed-out moderator
    assert response.status_code == 302
    assert (
        response["Location"] == f"/accounts/login/?next={approve.replace(':', '%3A')}"
    )
    assert client.post(approve).status_code == 302  # nothing acts signed out
    comment.refresh_from_db()
    assert comment.status == Status.PENDING
    client.force_login(moderator)
    page = client.get(approve)
    assert page.status_code == 200
    assert "Approve this comment?" in page.content.decode()
    assert "Does it hurt?" in page.content.decode()
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
    # The article's author hears of it only now it is public, with no links.
    to_author = [m for m in mail.outbox if post.author.email in m.to]
    assert len(to_author) == 1
    assert "Does it hurt?" in to_author[0].body
    assert "/moderate/" not in to_author[0].body


def test_signed_spam_link_marks_spam(reader_client, post, moderator, site, send):
    client = Client()  # the moderator's own browser
    send(reader_client, post, "Cheap pills")
    spam_link = [u for u in links(mail.outbox[0]) if "/moderate/" in u][1]
    client.force_login(moderator)
    client.post(spam_link)
    assert Comment.objects.get().status == Status.SPAM


def test_a_link_acts_once_and_then_shows_nothing_of_the_comment(
    reader_client, post, moderator, site, send
):
    client = Client()  # the moderator's own browser
    send(reader_client, post, "Call me on the number I gave")
    approve, spam = [u for u in links(mail.outbox[0]) if "/moderate/" in u]
    client.force_login(moderator)
    client.post(spam)
    for link in (approve, spam):
        for method in (client.get, client.post):
            response = method(link)
            assert response.status_code == 409
            html = response.content.decode()
            assert "already been moderated" in html
            assert "Call me" not in html
    assert Comment.objects.get().status == Status.SPAM


def test_a_link_is_spent_even_when_the_comment_waits_again(
    reader_client, reader, post, moderator, site, send
):
    client = Client()  # the moderator's own browser
    send(reader_client, post, "Does it hurt?")
    approve, spam = [u for u in links(mail.outbox[0]) if "/moderate/" in u]
    client.force_login(moderator)
    client.post(approve)
    comment = Comment.objects.get()
    # The writer edits it into something held again: the old spam link, sent
    # about the first wait, must not decide the new one.
    reader_client.post(
        f"/comments/{comment.pk}/edit/", {"body": "Ring me: 0412 345 678"}
    )
    comment.refresh_from_db()
    assert comment.status == Status.PENDING
    assert client.post(spam).status_code == 409
    assert client.get(approve).status_code == 409
    comment.refresh_from_db()
    assert comment.status == Status.PENDING


@pytest.mark.parametrize("who", ["reader", "author"])
def test_a_person_who_may_not_moderate_gets_nothing_from_a_link(
    reader_client, post, moderator, site, send, who
):
    client = Client()  # the moderator's own browser
    send(reader_client, post, "Private detail here")
    approve = link_to(mail.outbox[0], "/moderate/")
    client.force_login(confirmed_reader() if who == "reader" else post.author)
    for method in (client.get, client.post):
        response = method(approve)
        assert response.status_code == 403
        assert "Private detail" not in response.content.decode()
    assert Comment.objects.get().status == Status.PENDING


def test_a_link_to_an_erased_comment_says_so(
    reader_client, post, moderator, site, send
):
    client = Client()  # the moderator's own browser
    send(reader_client, post, "Soon gone")
    approve = link_to(mail.outbox[0], "/moderate/")
    Comment.objects.all().delete()
    client.force_login(moderator)
    response = client.get(approve)
    assert response.status_code == 410
    assert "This comment is gone" in response.content.decode()


@pytest.mark.parametrize(
    "token", ["nonsense", "eyJjIjoxLCJhIjoiYXBwcm92ZSJ9:x:y", "a" * 500]
)
def test_bad_or_forged_moderation_links_change_nothing(client, post, token):
    assert client.get(f"/comments/moderate/{token}/").status_code == 400
    assert client.post(f"/comments/moderate/{token}/").status_code == 400


def test_a_moderation_link_for_another_action_cannot_be_forged(
    client, post, reader, moderator, site
):
    comment = Comment.objects.create(post=post, author=reader, body="x")
    token = moderation_token(comment, "approve")
    _payload, stamp, signature = token.split(":")
    spam_payload = moderation_token(comment, "spam").split(":")[0]
    tampered = f"{spam_payload}:{stamp}:{signature}"
    client.force_login(moderator)
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


def test_writers_are_not_emailed_about_their_own_replies(
    post, reader, site, django_capture_on_commit_callbacks
):
    mine = Comment.objects.create(
        post=post,
        author=reader,
        body="A question.",
        status=Status.APPROVED,
        notify_on_reply=True,
    )
    guests = Comment.objects.create(
        post=post,
        guest_name="Gus",
        guest_email="gus@example.com",
        body="Another.",
        status=Status.APPROVED,
        notify_on_reply=True,
    )
    for parent, writer in (
        (mine, {"author": reader}),
        (guests, {"guest_name": "Gus", "guest_email": "GUS@example.com"}),
    ):
        answer = Comment.objects.create(
            post=post,
            parent=parent,
            body="Answering myself.",
            status=Status.APPROVED,
            **writer,
        )
        with django_capture_on_commit_callbacks(execute=True):
            notifications.reply(answer.pk)
    assert mail.outbox == []
    # Someone else's reply is still worth an email.
    other = Comment.objects.create(
        post=post,
        parent=mine,
        author=confirmed_reader(),
        body="An answer.",
        status=Status.APPROVED,
    )
    with django_capture_on_commit_callbacks(execute=True):
        notifications.reply(other.pk)
    assert [m.to for m in mail.outbox] == [[reader.email]]


def test_the_request_queues_one_task_and_the_worker_writes_the_emails(
    reader_client,
    post,
    moderator,
    site,
    send,
    settings,
    django_capture_on_commit_callbacks,
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    response = send(reader_client, post, "Does it hurt?")
    assert response.status_code == 200  # held: the reader is thanked
    # The request rendered no email: one task names the comment, no more.
    queued = DBTaskResult.objects.get()
    assert queued.task_path == "meridian.comments.notifications.notify"
    assert queued.args_kwargs["kwargs"] == {
        "kind": "new_comment",
        "comment_id": Comment.objects.get().pk,
    }
    assert "Does it hurt?" not in str(queued.args_kwargs)
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        run_queued(queued)  # renders the message and queues its sending
    run_queued(DBTaskResult.objects.exclude(pk=queued.pk).get())
    assert [m.to for m in mail.outbox] == [[moderator.email]]
    assert "Does it hurt?" in mail.outbox[0].body
