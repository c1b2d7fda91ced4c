"""Signing up, confirming, changing choices and leaving: the subscriber's side.

A request to subscribe always gets the same answer, whatever the address's
state; what differs is only the email its owner receives.
"""

import logging

from allauth.account.utils import has_verified_email
from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from meridian.core.email import send_email

from . import emails, links
from .models import CONFIRM_DAYS, Subscriber

logger = logging.getLogger(__name__)

_validate_email = EmailValidator()


def normalize_email(raw: str) -> str:
    """Return the address lower-cased and trimmed; raise ValidationError if bad."""
    email = (raw or "").strip().lower()
    # No line breaks or NULs anywhere: they would end up in mail headers.
    if not email or len(email) > 254 or any(c in email for c in "\r\n\0"):
        raise ValidationError(_("Enter a valid email address."), code="invalid")
    _validate_email(email)
    return email


def purge_expired_signups() -> int:
    """Delete sign-ups nobody confirmed in time; return how many."""
    deleted, _counts = Subscriber.objects.expired().delete()
    return deleted


@transaction.atomic
def request_subscription(email: str, *, send: bool = True) -> Subscriber:
    """Record a wish to subscribe and email its owner; `email` is normalized.

    A new or unconfirmed address gets a confirmation link; a confirmed one gets
    a note that it already is subscribed, with its link to change choices.
    `send` is False when the address's own rate limit is used up.
    """
    purge_expired_signups()
    subscriber, created = Subscriber.objects.select_for_update().get_or_create(
        email=email
    )
    if not subscriber.is_confirmed and not created:
        # The week to confirm runs from the latest request.
        subscriber.requested_at = timezone.now()
        subscriber.save(update_fields=["requested_at"])
    if send:
        if subscriber.is_confirmed:
            send_already_subscribed(subscriber)
        else:
            send_confirmation(subscriber)
    return subscriber


def request_manage_link(email: str) -> None:
    """Email a confirmed subscriber their links; say nothing to anyone else."""
    subscriber = Subscriber.objects.confirmed().filter(email=email).first()
    if subscriber is not None:
        send_already_subscribed(subscriber)


def send_confirmation(subscriber: Subscriber) -> None:
    context = {
        "confirm_url": links.link(subscriber, "confirm"),
        "confirm_days": CONFIRM_DAYS,
    }
    send_email(emails.compose("confirm", subscriber.email, context))


def send_already_subscribed(subscriber: Subscriber) -> None:
    context = {
        "manage_url": links.link(subscriber, "manage"),
        "unsubscribe_url": links.link(subscriber, "unsubscribe"),
    }
    send_email(emails.compose("already", subscriber.email, context))


def confirm(subscriber: Subscriber) -> bool:
    """Confirm the subscription; return False if it already was."""
    updated = Subscriber.objects.filter(
        pk=subscriber.pk, confirmed_at__isnull=True
    ).update(confirmed_at=timezone.now())
    subscriber.refresh_from_db(fields=["confirmed_at"])
    return bool(updated)


@transaction.atomic
def change_choices(
    subscriber: Subscriber, *, frequency: str, all_categories: bool, categories
) -> None:
    subscriber.frequency = frequency
    subscriber.all_categories = all_categories or not categories
    subscriber.save(update_fields=["frequency", "all_categories"])
    subscriber.categories.set([] if subscriber.all_categories else categories)


def unsubscribe(subscriber: Subscriber) -> None:
    """Forget the address and every record of what was sent to it."""
    logger.info("Subscriber %s left", subscriber.pk)
    subscriber.delete()


def verified_account_email(user) -> str | None:
    """Return the account's address if its owner proved it, else None."""
    if user.email and has_verified_email(user, user.email):
        return user.email.lower()
    return None


@transaction.atomic
def subscribe_account(user) -> Subscriber:
    """Subscribe a signed-in reader with one click, confirmed if their address is."""
    email = normalize_email(user.email)
    proved = verified_account_email(user) == email
    subscriber, _created = Subscriber.objects.select_for_update().get_or_create(
        email=email,
        defaults={"user": user, "source": Subscriber.Source.PROFILE},
    )
    changed = []
    if subscriber.user_id != user.pk:
        subscriber.user = user
        changed.append("user")
    if proved and not subscriber.is_confirmed:
        subscriber.confirmed_at = timezone.now()
        changed.append("confirmed_at")
    if changed:
        subscriber.save(update_fields=changed)
    if not subscriber.is_confirmed:
        send_confirmation(subscriber)
    return subscriber
