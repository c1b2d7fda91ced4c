"""Subscribers, and the mailings sent to them with one delivery row per recipient."""

import secrets
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.db import models
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# Unconfirmed sign-ups, and their confirmation links, last this long.
CONFIRM_DAYS = 7


def new_key() -> str:
    """Return the random key a subscriber's signed links are bound to."""
    return secrets.token_urlsafe(24)


class SubscriberQuerySet(models.QuerySet):
    def confirmed(self) -> "SubscriberQuerySet":
        return self.filter(confirmed_at__isnull=False)

    def pending(self) -> "SubscriberQuerySet":
        return self.filter(confirmed_at__isnull=True)

    def expired(self) -> "SubscriberQuerySet":
        """Return sign-ups nobody confirmed within CONFIRM_DAYS."""
        cutoff = timezone.now() - timedelta(days=CONFIRM_DAYS)
        return self.pending().filter(requested_at__lt=cutoff)

    def wanting_article(self, post) -> "SubscriberQuerySet":
        """Return confirmed subscribers who get each new article of post's kind."""
        wanted = Q(all_categories=True)
        if post.category_id:
            wanted |= Q(categories=post.category_id)
        return (
            self.confirmed()
            .filter(wanted, frequency=Subscriber.Frequency.EACH)
            .distinct()
        )

    def wanting_digest(self) -> "SubscriberQuerySet":
        return self.confirmed().filter(frequency=Subscriber.Frequency.WEEKLY)

    def for_user(self, user) -> "SubscriberQuerySet":
        """Return the subscriptions tied to the account or to its addresses."""
        addresses = {
            a.lower()
            for a in EmailAddress.objects.filter(user=user).values_list(
                "email", flat=True
            )
        }
        if user.email:
            addresses.add(user.email.lower())
        return self.filter(Q(user=user) | Q(email__in=addresses))


class Subscriber(models.Model):
    """One address that asked for articles by email."""

    class Frequency(models.TextChoices):
        EACH = "each", _("Every new article")
        WEEKLY = "weekly", _("A weekly digest")

    class Source(models.TextChoices):
        FORM = "form", _("Subscription form")
        PROFILE = "profile", _("Reader's profile")
        IMPORT = "import", _("Imported by an administrator")

    # Stored lower-cased: one subscription per address whatever its spelling.
    email = models.EmailField(_("email"), max_length=254, unique=True)
    key = models.CharField(max_length=64, unique=True, default=new_key, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="subscriptions",
        verbose_name=_("account"),
    )
    frequency = models.CharField(
        _("sends"), max_length=10, choices=Frequency.choices, default=Frequency.EACH
    )
    all_categories = models.BooleanField(_("all categories"), default=True)
    categories = models.ManyToManyField(
        "journal.Category",
        blank=True,
        related_name="subscribers",
        verbose_name=_("only these categories"),
    )
    source = models.CharField(
        _("source"), max_length=10, choices=Source.choices, default=Source.FORM
    )
    # What an administrator stated when importing an address as already
    # confirmed: the clinic's record of that person's consent.
    consent_note = models.TextField(_("consent recorded at import"), blank=True)
    requested_at = models.DateTimeField(_("requested"), default=timezone.now)
    confirmed_at = models.DateTimeField(
        _("confirmed"), null=True, blank=True, db_index=True
    )

    objects = SubscriberQuerySet.as_manager()

    class Meta:
        ordering = ["-requested_at", "-id"]
        verbose_name = _("subscriber")
        verbose_name_plural = _("subscribers")

    def __str__(self) -> str:
        return self.email

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None


class MailingQuerySet(models.QuerySet):
    def unfinished(self) -> "MailingQuerySet":
        return self.filter(status__in=[Mailing.Status.QUEUED, Mailing.Status.SENDING])

    def with_counts(self) -> "MailingQuerySet":
        """Annotate each mailing with its deliveries by status."""
        status = Delivery.Status
        return self.annotate(
            queued_count=Count(
                "deliveries",
                filter=Q(deliveries__status__in=[status.QUEUED, status.SENDING]),
            ),
            sent_count=Count("deliveries", filter=Q(deliveries__status=status.SENT)),
            failed_count=Count(
                "deliveries", filter=Q(deliveries__status=status.FAILED)
            ),
        )


class Mailing(models.Model):
    """One email sent to many subscribers: an article, a digest or confirmations."""

    class Kind(models.TextChoices):
        ARTICLE = "article", _("New article")
        DIGEST = "digest", _("Weekly digest")
        CONFIRMATION = "confirmation", _("Confirmation requests (import)")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENDING = "sending", _("Sending")
        DONE = "done", _("Done")
        # An article taken back to draft before its email went out.
        CANCELLED = "cancelled", _("Cancelled")

    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    post = models.ForeignKey(
        "journal.Post",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="mailings",
        verbose_name=_("article"),
    )
    # A digest covers the articles published in [period_start, period_end).
    period_start = models.DateTimeField(null=True, blank=True)
    period_end = models.DateTimeField(null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=Status.choices,
        default=Status.QUEUED,
        db_index=True,
    )
    # Recipients are written once, as delivery rows, before the first send.
    recipients_listed = models.BooleanField(default=False, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    # Refreshed by each batch: a mailing whose worker died shows a stale beat.
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    # When the next batch may start (the rate), or a scheduled article's time.
    next_batch_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    objects = MailingQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("mailing")
        verbose_name_plural = _("mailings")
        constraints = [
            models.UniqueConstraint(
                fields=["period_start"],
                condition=Q(kind="digest"),
                name="subscribers_one_digest_per_week",
            )
        ]

    def __str__(self) -> str:
        if self.post_id:
            return f"{self.get_kind_display()}: {self.post}"
        return f"{self.get_kind_display()} ({self.created_at:%Y-%m-%d})"


class Delivery(models.Model):
    """One recipient of one mailing: written before its send, updated after."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        # Written just before the send: a row left here by a dead worker is
        # sent again with the same Message-ID, which mail systems treat as one.
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    mailing = models.ForeignKey(
        Mailing, on_delete=models.CASCADE, related_name="deliveries"
    )
    subscriber = models.ForeignKey(
        Subscriber, on_delete=models.CASCADE, related_name="deliveries"
    )
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [
            models.UniqueConstraint(
                fields=["mailing", "subscriber"],
                name="subscribers_one_delivery_per_recipient",
            )
        ]
        indexes = [models.Index(fields=["mailing", "status", "id"])]

    def __str__(self) -> str:
        return f"{self.mailing_id} → {self.subscriber_id}: {self.status}"
