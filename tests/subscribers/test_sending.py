"""Sending an article: batches, one delivery row each, resumable after a crash."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from meridian.subscribers import sending
from meridian.subscribers.composing import mail_domain
from meridian.subscribers.mailings import MailingRefused, email_article
from meridian.subscribers.models import Delivery, Mailing, Subscriber
from tests.factories import CategoryFactory, PostFactory

from .conftest import make_subscriber

pytestmark = pytest.mark.django_db


@pytest.fixture
def readers(db):
    return [make_subscriber(f"reader{n}@example.org") for n in range(7)]


def queue(post) -> Mailing:
    mailing = Mailing.objects.create(kind=Mailing.Kind.ARTICLE, post=post)
    return mailing


def test_an_article_goes_once_to_each_confirmed_subscriber(
    post, readers, django_capture_on_commit_callbacks
):
    Subscriber.objects.create(email="waiting@example.org")  # not confirmed
    make_subscriber("weekly@example.org", frequency="weekly")
    with django_capture_on_commit_callbacks(execute=True):
        mailing = email_article(post)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(r.email for r in readers)
    mailing.refresh_from_db()
    assert mailing.status == Mailing.Status.DONE
    counts = Mailing.objects.with_counts().get()
    assert (counts.queued_count, counts.sent_count, counts.failed_count) == (0, 7, 0)


def test_the_email_has_what_a_reader_needs_and_no_tracking(post, subscriber):
    post.summary = "What a first visit is like."
    post.save()
    sending.send_batch(queue(post).pk, rate=0)
    [message] = mail.outbox
    assert message.subject == "Needles, explained"
    html = message.alternatives[0][0]
    text = message.body
    for body in (text, html):
        assert "What a first visit is like." in body
        assert "http://127.0.0.1:8000/articles/" in body
        assert "/subscribe/unsubscribe/" in body
        assert "/subscribe/manage/" in body
        assert "not a substitute for advice" in body  # the medical disclaimer
        assert "because you asked" in body
        assert "MERIDIAN-PLACEHOLDER" not in body
    assert "Read on the site" in html
    assert 'lang="en"' in html
    assert "prefers-color-scheme: dark" in html
    # No tracking: every link is the site's own, with no per-reader query string.
    assert "utm_" not in html
    assert "?" not in html.split("/articles/")[1].split('"')[0]
    unsubscribe = message.extra_headers["List-Unsubscribe"]
    assert unsubscribe.startswith("<http://127.0.0.1:8000/subscribe/unsubscribe/")
    assert message.extra_headers["List-Unsubscribe-Post"] == (
        "List-Unsubscribe=One-Click"
    )
    assert message.extra_headers["Message-ID"].startswith("<mailing-")


def test_the_unsubscribe_header_unsubscribes_in_one_post(client, post, subscriber):
    from django.test import Client

    sending.send_batch(queue(post).pk, rate=0)
    url = mail.outbox[0].extra_headers["List-Unsubscribe"].strip("<>")
    mail_app = Client(enforce_csrf_checks=True)
    response = mail_app.post(
        url.removeprefix("http://127.0.0.1:8000"),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert not Subscriber.objects.exists()


def test_only_the_categories_a_reader_chose(post, category):
    herbs = CategoryFactory(name="Herbs", slug="herbs")
    everything = make_subscriber("all@example.org")
    treatments = make_subscriber("treatments@example.org", all_categories=False)
    treatments.categories.add(category)
    only_herbs = make_subscriber("herbs@example.org", all_categories=False)
    only_herbs.categories.add(herbs)
    sending.send_batch(queue(post).pk, rate=0)
    assert sorted(m.to[0] for m in mail.outbox) == [
        everything.email,
        treatments.email,
    ]


def test_batches_follow_the_rate(post, readers, settings):
    settings.EMAIL_RATE = 3
    mailing = queue(post)
    first = sending.send_batch(mailing.pk)
    assert (first.sent, first.more) == (3, True)
    assert first.next_at is not None
    assert sending.send_batch(mailing.pk).sent == 0  # too early for the next one
    with time_machine.travel(timezone.now() + timedelta(minutes=1, seconds=1)):
        assert sending.send_batch(mailing.pk).sent == 3
    with time_machine.travel(timezone.now() + timedelta(minutes=2, seconds=2)):
        last = sending.send_batch(mailing.pk)
    assert (last.sent, last.more) == (1, False)
    assert len(mail.outbox) == 7


class Crash(BaseException):
    """A worker killed between two rows."""


def test_a_worker_killed_between_rows_resumes_without_doubles(
    post, readers, monkeypatch
):
    mailing = queue(post)
    real_mark = sending._mark
    calls = []

    def crash_after_three(delivery_id, status):
        real_mark(delivery_id, status)
        calls.append(status)
        if calls.count(Delivery.Status.SENT) == 3:
            raise Crash

    monkeypatch.setattr(sending, "_mark", crash_after_three)
    with pytest.raises(Crash):
        sending.send_batch(mailing.pk, rate=0)
    monkeypatch.setattr(sending, "_mark", real_mark)
    assert len(mail.outbox) == 3

    sending.send_batch(mailing.pk, rate=0)
    recipients = [m.to[0] for m in mail.outbox]
    assert sorted(recipients) == sorted(r.email for r in readers)  # exactly once
    assert Delivery.objects.filter(status=Delivery.Status.SENT).count() == 7


def test_a_row_caught_on_the_wire_is_resent_with_the_same_message_id(post, readers):
    mailing = queue(post)
    sending.list_recipients(mailing)
    first = Delivery.objects.order_by("id").first()
    # The worker wrote "sending" and died before it could write "sent".
    Delivery.objects.filter(pk=first.pk).update(status="sending", attempts=1)
    sending.send_batch(mailing.pk, rate=0)
    assert len(mail.outbox) == 7
    ids = {m.extra_headers["Message-ID"] for m in mail.outbox}
    assert f"<mailing-{mailing.pk}.{first.pk}@{mail_domain()}>" in ids


def test_a_live_lease_keeps_a_second_worker_out(post, readers):
    mailing = queue(post)
    Mailing.objects.filter(pk=mailing.pk).update(heartbeat_at=timezone.now())
    assert sending.send_batch(mailing.pk, rate=0).sent == 0
    assert mail.outbox == []
    assert sending.resume_stalled_mailings() == []
    with time_machine.travel(timezone.now() + sending.LEASE + timedelta(seconds=1)):
        assert sending.resume_stalled_mailings() == [mailing.pk]
    assert len(mail.outbox) == 7  # the immediate backend ran it


def test_a_refusing_server_fails_one_row_and_a_dead_one_is_retried(
    post, readers, monkeypatch
):
    import smtplib

    from django.core.mail.backends.locmem import EmailBackend

    mailing = queue(post)
    real_send = EmailBackend.send_messages

    def refuse_reader3(self, messages):
        if messages[0].to == ["reader3@example.org"]:
            raise smtplib.SMTPRecipientsRefused({"reader3@example.org": (550, b"no")})
        if messages[0].to == ["reader5@example.org"]:
            raise ConnectionResetError("server went away")
        return real_send(self, messages)

    monkeypatch.setattr(EmailBackend, "send_messages", refuse_reader3)
    outcome = sending.send_batch(mailing.pk, rate=0)
    assert outcome.more
    assert outcome.next_at is not None
    assert len(mail.outbox) == 4
    monkeypatch.setattr(EmailBackend, "send_messages", real_send)
    sending.send_batch(mailing.pk, rate=0)
    assert len(mail.outbox) == 6
    counts = Mailing.objects.with_counts().get()
    assert (counts.sent_count, counts.failed_count) == (6, 1)


def test_a_scheduled_article_waits_and_a_withdrawn_one_is_cancelled(readers):
    later = PostFactory(published_at=timezone.now() + timedelta(hours=2))
    mailing = queue(later)
    outcome = sending.send_batch(mailing.pk, rate=0)
    assert outcome.more
    assert outcome.next_at == later.published_at
    assert mail.outbox == []
    later.status = later.Status.DRAFT
    later.save()
    sending.send_batch(mailing.pk, rate=0)
    mailing.refresh_from_db()
    assert mailing.status == Mailing.Status.CANCELLED
    assert mail.outbox == []


def test_a_draft_cannot_be_emailed_nor_one_twice_at_once(post):
    draft = PostFactory(status="draft")
    with pytest.raises(MailingRefused):
        email_article(draft)
    queue(post)
    with pytest.raises(MailingRefused):
        email_article(post)


def test_header_injection_in_a_title_stays_on_one_line(subscriber):
    post = PostFactory(title="Sleep\r\nBcc: everyone@example.org")
    sending.send_batch(queue(post).pk, rate=0)
    [message] = mail.outbox
    assert message.subject == "Sleep Bcc: everyone@example.org"
    assert message.bcc == []
