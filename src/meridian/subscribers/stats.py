"""Subscriber numbers for administrators: how many, and how the list grows."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, Q
from django.db.models.functions import TruncWeek
from django.utils import timezone

from .models import Subscriber


@dataclass(frozen=True)
class Week:
    start: date
    confirmed: int


def counts() -> dict[str, int]:
    by_state = Subscriber.objects.aggregate(
        total=Count("id"),
        confirmed=Count("id", filter=~_pending()),
        each=Count("id", filter=~_pending() & _each()),
    )
    by_state["pending"] = by_state["total"] - by_state["confirmed"]
    by_state["weekly"] = by_state["confirmed"] - by_state["each"]
    return by_state


def _pending() -> Q:
    return Q(confirmed_at__isnull=True)


def _each() -> Q:
    return Q(frequency=Subscriber.Frequency.EACH)


def weekly_growth(weeks: int = 12) -> list[Week]:
    """Return new confirmed subscribers per week, oldest first, empty weeks too.

    Subscribers who left are erased, so this counts those still on the list.
    """
    today = timezone.localdate()
    first = today - timedelta(days=today.weekday(), weeks=weeks - 1)
    rows = (
        Subscriber.objects.confirmed()
        .filter(confirmed_at__date__gte=first)
        .annotate(week=TruncWeek("confirmed_at"))
        .values("week")
        .annotate(n=Count("id"))
    )
    found = {row["week"].date(): row["n"] for row in rows}
    return [
        Week(first + timedelta(weeks=n), found.get(first + timedelta(weeks=n), 0))
        for n in range(weeks)
    ]
