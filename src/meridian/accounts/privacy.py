"""What accounts contributes to the privacy registry: the profile itself."""

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.db import transaction

from meridian.core.privacy import register_eraser, register_exporter


def export_profile(user) -> dict:
    return {
        "username": user.username,
        "display_name": user.display_name,
        "credentials": user.credentials,
        "bio": user.bio,
        "avatar": user.avatar.url if user.avatar else None,
        "date_joined": user.date_joined.isoformat(),
        "last_login": user.last_login.isoformat() if user.last_login else None,
        "two_factor": sorted(
            Authenticator.objects.filter(user=user).values_list("type", flat=True)
        ),
    }


def export_email_addresses(user) -> list[dict]:
    return [
        {"email": a.email, "verified": a.verified, "primary": a.primary}
        for a in EmailAddress.objects.filter(user=user).order_by("-primary", "email")
    ]


def erase_profile(user, policy: str) -> None:
    """Remove the avatar file; the user row itself is deleted by the caller."""
    if user.avatar:
        storage, name = user.avatar.storage, user.avatar.name
        transaction.on_commit(lambda: storage.delete(name))


def erase_email_addresses(user, policy: str) -> None:
    EmailAddress.objects.filter(user=user).delete()


def register() -> None:
    register_exporter("profile", export_profile)
    register_eraser("profile", erase_profile)
    register_exporter("email_addresses", export_email_addresses)
    register_eraser("email_addresses", erase_email_addresses)
