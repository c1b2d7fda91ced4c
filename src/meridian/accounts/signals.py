"""Reactions to account changes.

An address typed at `createsuperuser` counts as confirmed; a change to what
readers see of a person (bylines, comment names) refreshes the cached pages
that show people.
"""

from allauth.account.models import EmailAddress
from allauth.account.signals import password_reset
from django.conf import settings
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from meridian.core.dependencies import changed

from . import login_limits
from .dependencies import PEOPLE

# What pages show of a person: their name, credentials, bio, picture, address.
PUBLIC_FIELDS = {
    "username",
    "first_name",
    "last_name",
    "display_name",
    "credentials",
    "bio",
    "avatar",
}


@receiver(post_save, sender=settings.AUTH_USER_MODEL)
def confirm_superuser_email(sender, instance, created, raw=False, **kwargs) -> None:
    """Mark a new superuser's address verified, so they can log in at once."""
    if raw or not created or not instance.is_superuser or not instance.email:
        return
    EmailAddress.objects.update_or_create(
        user=instance,
        email__iexact=instance.email,
        # Lower-cased, as allauth stores addresses: its lookups (has_verified_email
        # among them) compare them exactly.
        defaults={"email": instance.email.lower(), "verified": True, "primary": True},
    )


def _public(values) -> dict[str, str]:
    return {name: str(values[name] or "") for name in PUBLIC_FIELDS}


@receiver(pre_save, sender=settings.AUTH_USER_MODEL)
def note_public_profile(sender, instance, update_fields=None, raw=False, **kwargs):
    """Read what readers saw of the person, when a save may change it."""
    instance._public_before = None
    if raw or instance.pk is None:
        return
    if update_fields is not None and not PUBLIC_FIELDS & set(update_fields):
        return  # e.g. the last-login time saved at each sign-in
    instance._public_before = (
        sender.objects.filter(pk=instance.pk).values(*PUBLIC_FIELDS).first()
    )


@receiver(post_save, sender=settings.AUTH_USER_MODEL)
@receiver(post_delete, sender=settings.AUTH_USER_MODEL)
def public_profile_changed(
    sender, instance, created=False, update_fields=None, raw=False, **kwargs
) -> None:
    """Forget cached pages and fragments that may show the person's old profile."""
    if raw or created:
        return  # a new account appears on no page yet
    if update_fields is not None and not PUBLIC_FIELDS & set(update_fields):
        return  # e.g. the last-login time saved at each sign-in
    before = getattr(instance, "_public_before", None)
    if kwargs.get("signal") is post_save and before is not None:
        now = {name: getattr(instance, name) for name in PUBLIC_FIELDS}
        if _public(before) == _public(now):
            return  # a password or an email address changed: no page shows it
    changed(PEOPLE)


@receiver(password_reset)
def forgive_failed_logins(sender, request, user, **kwargs) -> None:
    """A person who reset their password through their email gets in at once."""
    login_limits.forgive(request, user)
