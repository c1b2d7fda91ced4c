"""Operators' accounts: an address typed at `createsuperuser` counts as confirmed."""

from allauth.account.models import EmailAddress
from django.conf import settings
from django.db.models.signals import post_save
from django.dispatch import receiver


@receiver(post_save, sender=settings.AUTH_USER_MODEL)
def confirm_superuser_email(sender, instance, created, raw=False, **kwargs) -> None:
    """Mark a new superuser's address verified, so they can log in at once."""
    if raw or not created or not instance.is_superuser or not instance.email:
        return
    EmailAddress.objects.update_or_create(
        user=instance,
        email__iexact=instance.email,
        defaults={"email": instance.email, "verified": True, "primary": True},
    )
