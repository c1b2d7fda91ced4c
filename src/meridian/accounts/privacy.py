"""What accounts contributes to the privacy registry: the profile itself."""

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from meridian.core import privacy

from .models import User


def export_profile(user: User) -> dict:
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


def export_email_addresses(user: User) -> list[dict]:
    return [
        {"email": a.email, "verified": a.verified, "primary": a.primary}
        for a in EmailAddress.objects.filter(user=user).order_by("-primary", "email")
    ]


def erase_profile(user: User) -> None:
    """Remove the avatar file; the user row itself is deleted by the caller."""
    if user.avatar:
        storage, name = user.avatar.storage, user.avatar.name
        transaction.on_commit(lambda: storage.delete(name))


def erase_email_addresses(user: User) -> None:
    EmailAddress.objects.filter(user=user).delete()


def _profile_on_deletion() -> str:
    return str(
        _(
            "Your profile, picture, email addresses and sign-in settings are "
            "deleted at once."
        )
    )


def register() -> None:
    privacy.register_exporter("profile", export_profile)
    privacy.register_eraser("profile", erase_profile)
    privacy.describe(
        "profile",
        _("Your profile and sign-in settings"),
        _profile_on_deletion,
        order=10,
    )
    privacy.register_exporter("email_addresses", export_email_addresses)
    privacy.register_eraser("email_addresses", erase_email_addresses)
    privacy.describe("email_addresses", _("Your email addresses"), order=11)
