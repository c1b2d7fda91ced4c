"""What subscribers contributes to the privacy registry: a person's subscriptions."""

from meridian.core.privacy import register_eraser, register_exporter

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


def erase_subscriptions(user, *args, **kwargs) -> None:
    """Delete the subscriptions and the record of what was sent to them."""
    Subscriber.objects.for_user(user).delete()


def register() -> None:
    register_exporter("subscriptions", export_subscriptions)
    register_eraser("subscriptions", erase_subscriptions)
