"""The weekly digest: at the day and time of Site settings, if the week had articles."""

from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from meridian.core.models import SiteSettings
from meridian.journal.models import Post

from .models import Mailing
from .sending import queue_mailing

WEEK = timedelta(days=7)
# A digest missed by more than this (the site was down) is not sent late.
LATE_ENOUGH = timedelta(hours=12)


def latest_period(now: datetime | None = None) -> tuple[datetime, datetime]:
    """Return the week that ended at the latest scheduled digest time."""
    site = SiteSettings.current()
    local = timezone.localtime(now or timezone.now())
    days_back = (local.weekday() - site.digest_weekday) % 7
    day = local.date() - timedelta(days=days_back)
    end = timezone.make_aware(datetime.combine(day, site.digest_time))
    if end > local:
        end -= WEEK
    return end - WEEK, end


def start_weekly_digest(now: datetime | None = None) -> Mailing | None:
    """Queue this week's digest once, if it is due and the week had articles."""
    now = now or timezone.now()
    start, end = latest_period(now)
    if now - end > LATE_ENOUGH:
        return None
    if Mailing.objects.filter(kind=Mailing.Kind.DIGEST, period_start=start).exists():
        return None
    week = Post.objects.published().filter(
        published_at__gte=start, published_at__lt=end
    )
    if not week.exists():
        return None
    try:
        with transaction.atomic():
            mailing = Mailing.objects.create(
                kind=Mailing.Kind.DIGEST, period_start=start, period_end=end
            )
            queue_mailing(mailing)
    except IntegrityError:
        return None  # another worker started it a moment ago
    return mailing
