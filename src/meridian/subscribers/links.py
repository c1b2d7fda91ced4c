"""Signed links in subscribers' emails: confirm, change choices, unsubscribe.

Each link signs the subscriber's random key, not their id: an erased and
re-made subscription never answers to an old link, and ids say nothing.
"""

from django.core import signing
from django.urls import reverse

from meridian.core.urlbuilding import absolute_url

from .models import CONFIRM_DAYS, Subscriber

SALTS = {
    "confirm": "meridian.subscribers.confirm",
    "manage": "meridian.subscribers.manage",
    "unsubscribe": "meridian.subscribers.unsubscribe",
}
# Only the confirmation expires; the others are in every email for good.
MAX_AGE = {"confirm": CONFIRM_DAYS * 86400}


class LinkError(Exception):
    """A link that was tampered with, cut short or has expired."""

    def __init__(self, expired: bool = False) -> None:
        super().__init__("expired" if expired else "bad signature")
        self.expired = expired


def make_token(subscriber: Subscriber, purpose: str) -> str:
    return signing.dumps(subscriber.key, salt=SALTS[purpose])


def link_for_key(key: str, purpose: str) -> str:
    """Return the absolute URL of a signed link for a subscriber's key."""
    token = signing.dumps(key, salt=SALTS[purpose])
    return absolute_url(reverse(f"subscribers:{purpose}", kwargs={"token": token}))


def read_key(token: str, purpose: str) -> str:
    """Return the subscriber key a token signs; raise LinkError if it is not good."""
    try:
        key = signing.loads(token, salt=SALTS[purpose], max_age=MAX_AGE.get(purpose))
    except signing.SignatureExpired as error:
        raise LinkError(expired=True) from error
    except signing.BadSignature as error:
        raise LinkError from error
    if not isinstance(key, str):
        raise LinkError
    return key


def link(subscriber: Subscriber, purpose: str) -> str:
    """Return the absolute URL of one of the subscriber's signed links."""
    return link_for_key(subscriber.key, purpose)
