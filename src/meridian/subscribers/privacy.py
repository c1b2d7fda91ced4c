"""What subscribers contributes to the privacy registry: a person's subscriptions."""

from django.utils.translation import gettext_lazy as _

from meridian.core import privacy

from .models import Delivery, Subscriber


def export_subscriptions(user) -> list[dict]:
    subscriptions = Subscriber.objects.for_user(user).prefetch_related("categories")
    return [
        {
            "email": s.email,
            "sends": s.frequency,
            "categories": "all"
            if s.all_categories
            else sorted(c.name for c in s.categories.all()),
            "requested_at": s.requested_at.isoformat(),
            "confirmed_at": s.confirmed_at.isoformat() if s.confirmed_at else None,
            "source": s.source,
            "consent_recorded_at_import": s.consent_note,
            "emails_sent": [
                {"sent": str(d.mailing), "at": d.updated_at.isoformat()}
                for d in Delivery.objects.filter(
                    subscriber=s, status=Delivery.Status.SENT
                ).select_related("mailing", "mailing__post")
            ],
        }
        for s in subscriptions
    ]


def erase_subscriptions(user) -> None:
    """Delete the subscriptions and the record of what was sent to them."""
    Subscriber.objects.for_user(user).delete()


def register() -> None:
    privacy.register_exporter("subscriptions", export_subscriptions)
    privacy.register_eraser("subscriptions", erase_subscriptions)
    privacy.describe(
        "subscriptions",
        _("Your email subscriptions and what was sent to them"),
        lambda: str(_("Your email subscriptions end and are deleted.")),
        order=30,
    )
