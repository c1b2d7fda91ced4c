"""Sending a mailing through the task layer, in batches, exactly once per reader.

The recipients are written first, one delivery row each (unique per mailing
and subscriber). Each send is recorded before (`sending`) and after (`sent` or
`failed`), so a worker killed at any point resumes where it stopped: rows
already sent are never sent again, rows not reached are sent, and the one row
that may have been on the wire is sent again with the same Message-ID, which
mail systems treat as the same message.

Batches hold MERIDIAN_EMAIL_RATE messages and start a minute apart (the next
batch is a deferred task); with a rate of 0 they follow each other at once.
One worker at a time holds a mailing (a lease renewed while it sends), so a
resumed or duplicated task never sends beside another.
"""

import logging
import smtplib
import time
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta
from itertools import islice

from django.conf import settings
from django.core.mail import get_connection
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django_tasks import default_task_backend, task

from .composing import (
    Composer,
    Recipient,
    digest_posts,
    recipients_matching_categories,
)
from .models import Delivery, Mailing, Subscriber

logger = logging.getLogger(__name__)

# A worker that has not renewed its lease for this long is taken to be dead.
LEASE = timedelta(seconds=120)
HEARTBEAT_SECONDS = 5
SMTP_TIMEOUT = 30
UNLIMITED_BATCH = 500
MAX_ATTEMPTS = 3
LIST_CHUNK = 2000
OPEN = [Delivery.Status.QUEUED, Delivery.Status.SENDING]


@dataclass(frozen=True)
class BatchOutcome:
    sent: int = 0
    failed: int = 0
    more: bool = False
    next_at: datetime | None = None


def queue_mailing(mailing: Mailing, run_after: datetime | None = None) -> None:
    """Start sending `mailing` once the current transaction commits."""
    transaction.on_commit(lambda: enqueue_batch(mailing.pk, run_after))


def enqueue_batch(mailing_id: int, run_after: datetime | None = None) -> None:
    task_ = send_mailing_batch
    if run_after is not None and default_task_backend.supports_defer:
        task_ = task_.using(run_after=run_after)
    try:
        task_.enqueue(mailing_id=mailing_id)
    except Exception:
        # Nothing is lost: resume_stalled_mailings() picks the mailing up.
        logger.exception("Could not enqueue mailing %s", mailing_id)


@task()
def send_mailing_batch(mailing_id: int) -> int:
    """Send one batch of a mailing and schedule the next; return how many went."""
    if not default_task_backend.supports_defer:
        # In-process (development, tests): no worker to come back later, so
        # send the whole mailing now, without the rate.
        total = 0
        outcome = send_batch(mailing_id, rate=0)
        total += outcome.sent
        while outcome.more and outcome.next_at is None:
            outcome = send_batch(mailing_id, rate=0)
            total += outcome.sent
        return total
    outcome = send_batch(mailing_id)
    if outcome.more:
        enqueue_batch(mailing_id, outcome.next_at)
    return outcome.sent


def resume_stalled_mailings() -> list[int]:
    """Enqueue mailings whose worker died or whose next batch never ran."""
    stale = timezone.now() - LEASE
    ids = list(
        Mailing.objects.unfinished()
        .filter(Q(heartbeat_at__isnull=True) | Q(heartbeat_at__lt=stale))
        .filter(Q(next_batch_at__isnull=True) | Q(next_batch_at__lt=stale))
        .values_list("pk", flat=True)
    )
    for mailing_id in ids:
        enqueue_batch(mailing_id)
    return ids


# One batch -------------------------------------------------------------------


def send_batch(mailing_id: int, *, rate: int | None = None) -> BatchOutcome:
    """Send up to one batch of a mailing's open deliveries."""
    rate = settings.EMAIL_RATE if rate is None else rate
    now = timezone.now()
    mailing = Mailing.objects.select_related("post").filter(pk=mailing_id).first()
    if mailing is None or mailing.status in (
        Mailing.Status.DONE,
        Mailing.Status.CANCELLED,
    ):
        return BatchOutcome()
    if mailing.kind == Mailing.Kind.ARTICLE and not mailing.post.is_public:
        post = mailing.post
        if post.status == post.Status.PUBLISHED and post.published_at:
            return _wait(mailing, post.published_at)  # scheduled: send when public
        _set_status(mailing, Mailing.Status.CANCELLED)  # taken back to draft
        return BatchOutcome()
    if rate and mailing.next_batch_at and mailing.next_batch_at > now:
        return BatchOutcome(more=True, next_at=mailing.next_batch_at)
    if not _take_lease(mailing_id, now):
        return BatchOutcome()  # another worker is sending it
    try:
        if not mailing.recipients_listed:
            list_recipients(mailing)
        outcome = _send_rows(mailing, rate or UNLIMITED_BATCH)
        if outcome.more:
            next_at = outcome.next_at or (now + timedelta(minutes=1) if rate else None)
            Mailing.objects.filter(pk=mailing_id).update(next_batch_at=next_at)
            return BatchOutcome(outcome.sent, outcome.failed, True, next_at)
        Mailing.objects.filter(pk=mailing_id).update(
            status=Mailing.Status.DONE, finished_at=timezone.now(), next_batch_at=None
        )
        return outcome
    finally:
        Mailing.objects.filter(pk=mailing_id).update(heartbeat_at=None)


def _wait(mailing: Mailing, until: datetime) -> BatchOutcome:
    Mailing.objects.filter(pk=mailing.pk).update(next_batch_at=until)
    return BatchOutcome(more=True, next_at=until)


def _set_status(mailing: Mailing, status: str) -> None:
    Mailing.objects.filter(pk=mailing.pk).update(
        status=status, finished_at=timezone.now()
    )


def _take_lease(mailing_id: int, now: datetime) -> bool:
    free = Q(heartbeat_at__isnull=True) | Q(heartbeat_at__lt=now - LEASE)
    return bool(
        Mailing.objects.filter(free, pk=mailing_id).update(
            heartbeat_at=now, status=Mailing.Status.SENDING
        )
    )


def list_recipients(mailing: Mailing) -> int:
    """Write one queued delivery per recipient; safe to run again."""
    if mailing.kind == Mailing.Kind.ARTICLE:
        recipients = Subscriber.objects.wanting_article(mailing.post)
    elif mailing.kind == Mailing.Kind.DIGEST:
        categories = {p.category_id for p in digest_posts(mailing) if p.category_id}
        recipients = recipients_matching_categories(
            Subscriber.objects.wanting_digest(), categories
        )
    else:
        recipients = Subscriber.objects.none()  # written by the import itself
    count = 0
    with transaction.atomic():
        ids = recipients.order_by("pk").values_list("pk", flat=True)
        for chunk in _chunks(ids.iterator(chunk_size=LIST_CHUNK), LIST_CHUNK):
            Delivery.objects.bulk_create(
                [Delivery(mailing=mailing, subscriber_id=pk) for pk in chunk],
                ignore_conflicts=True,
            )
            count += len(chunk)
        Mailing.objects.filter(pk=mailing.pk).update(recipients_listed=True)
    mailing.recipients_listed = True
    return count


def _chunks(iterable, size: int):
    iterator = iter(iterable)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _open_rows(mailing: Mailing, size: int) -> list[Recipient]:
    rows = list(
        Delivery.objects.filter(mailing=mailing, status__in=OPEN)
        .order_by("id")
        .values_list(
            "id",
            "subscriber_id",
            "subscriber__email",
            "subscriber__key",
            "subscriber__all_categories",
        )[:size]
    )
    categories: dict[int, set[int]] = defaultdict(set)
    if mailing.kind == Mailing.Kind.DIGEST:
        some = [row[1] for row in rows if not row[4]]
        links = Subscriber.categories.through.objects.filter(subscriber_id__in=some)
        for subscriber_id, category_id in links.values_list(
            "subscriber_id", "category_id"
        ):
            categories[subscriber_id].add(category_id)
    return [
        Recipient(
            delivery_id,
            email,
            key,
            all_categories,
            frozenset(categories.get(subscriber_id, ())),
        )
        for delivery_id, subscriber_id, email, key, all_categories in rows
    ]


def _send_rows(mailing: Mailing, size: int) -> BatchOutcome:
    recipients = _open_rows(mailing, size)
    composer = Composer(mailing)
    sent = failed = 0
    beat = time.monotonic()
    connection = get_connection(timeout=SMTP_TIMEOUT)
    with connection:
        for recipient in recipients:
            if not _mark_sending(recipient.delivery_id):
                failed += 1  # tried MAX_ATTEMPTS times already
                continue
            try:
                connection.send_messages([composer.message(recipient)])
            except smtplib.SMTPRecipientsRefused:
                logger.warning("Delivery %s refused", recipient.delivery_id)
                _mark(recipient.delivery_id, Delivery.Status.FAILED)
                failed += 1
                continue
            except Exception:
                # The server or the connection: put the row back and try the
                # rest of the batch later, on a new connection.
                logger.exception("Sending delivery %s failed", recipient.delivery_id)
                _mark(recipient.delivery_id, Delivery.Status.QUEUED)
                retry_at = timezone.now() + timedelta(minutes=1)
                return BatchOutcome(sent, failed, more=True, next_at=retry_at)
            _mark(recipient.delivery_id, Delivery.Status.SENT)
            sent += 1
            if time.monotonic() - beat > HEARTBEAT_SECONDS:
                beat = time.monotonic()
                Mailing.objects.filter(pk=mailing.pk).update(
                    heartbeat_at=timezone.now()
                )
    more = Delivery.objects.filter(mailing=mailing, status__in=OPEN).exists()
    return BatchOutcome(sent, failed, more)


def _mark_sending(delivery_id: int) -> bool:
    """Record that the send starts; False when the row has had its attempts."""
    claimed = Delivery.objects.filter(
        pk=delivery_id, status__in=OPEN, attempts__lt=MAX_ATTEMPTS
    ).update(status=Delivery.Status.SENDING, attempts=F("attempts") + 1)
    if not claimed:
        Delivery.objects.filter(pk=delivery_id, status__in=OPEN).update(
            status=Delivery.Status.FAILED
        )
    return bool(claimed)


def _mark(delivery_id: int, status: str) -> None:
    Delivery.objects.filter(pk=delivery_id).update(
        status=status, updated_at=timezone.now()
    )
