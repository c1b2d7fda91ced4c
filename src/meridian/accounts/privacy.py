"""What accounts contributes to the privacy registry: the profile, addresses,
sessions, and the development mail sent to the person."""

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.db import transaction
from django.utils import timezone

from meridian.core.development_mail import erase_messages_to
from meridian.core.privacy import register_eraser, register_exporter


def export_profile(user) -> dict:
    return {
        "username": user.username,
        "display_name": user.display_name,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
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
    addresses = {
        user.email,
        *EmailAddress.objects.filter(user=user).values_list("email", flat=True),
    }
    EmailAddress.objects.filter(user=user).delete()
    # The development backend's saved messages (confirmation and reset links,
    # replies to their comments) go with the addresses.
    transaction.on_commit(lambda: erase_messages_to(addresses))


def _sessions(user) -> list[Session]:
    """Return the person's unexpired sessions in the database (the session store).

    Sessions are stored signed, not indexed by person, so each live one is
    read; a clinic's site holds a few thousand at most.
    """
    mine = []
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        data = session.get_decoded()
        if data.get(SESSION_KEY) == str(user.pk):
            mine.append(session)
    return mine


def export_sessions(user) -> list[dict]:
    """Return the person's signed-in sessions (browsers), and when each ends."""
    return [{"expires": s.expire_date.isoformat()} for s in _sessions(user)]


def erase_sessions(user, policy: str) -> None:
    """Sign the person out everywhere: their sessions (and messages) go."""
    Session.objects.filter(
        session_key__in=[s.session_key for s in _sessions(user)]
    ).delete()


def register() -> None:
    register_exporter("profile", export_profile)
    register_eraser("profile", erase_profile)
    register_exporter("email_addresses", export_email_addresses)
    register_eraser("email_addresses", erase_email_addresses)
    register_exporter("sessions", export_sessions)
    register_eraser("sessions", erase_sessions)
