"""Private preview links: signed, expiring after a week, withdrawn at will."""

import secrets
from datetime import timedelta

from django.core import signing
from django.urls import reverse
from django.utils import timezone

from meridian.journal.models import Post

from .models import PreviewLink

SALT = "meridian.studio.preview-link"
LIFETIME = timedelta(days=7)


def make_link(post: Post, person) -> PreviewLink:
    return PreviewLink.objects.create(
        post=post,
        key=secrets.token_hex(16),
        created_by=person,
        expires_at=timezone.now() + LIFETIME,
    )


def address(link: PreviewLink) -> str:
    token = signing.dumps(link.key, salt=SALT)
    return reverse("studio:shared_preview", args=[token])


def open_link(token: str) -> PreviewLink | None:
    """Return the usable link a token names, or None (forged, expired, withdrawn)."""
    try:
        key = signing.loads(token, salt=SALT, max_age=LIFETIME)
    except signing.BadSignature:
        return None
    if not isinstance(key, str):
        return None
    return PreviewLink.objects.usable().select_related("post").filter(key=key).first()


def withdraw(link: PreviewLink) -> None:
    link.revoked_at = timezone.now()
    link.save(update_fields=["revoked_at"])
