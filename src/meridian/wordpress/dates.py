"""WordPress dates: "Y-m-d H:i:s" in GMT or site time, and "0000-00-00" for none."""

from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

from django.utils import timezone

WP_FORMAT = "%Y-%m-%d %H:%M:%S"


def parse_gmt(value: str) -> datetime | None:
    """Return an aware UTC datetime, or None for an empty or zero date."""
    naive = _naive(value)
    return naive.replace(tzinfo=UTC) if naive else None


def parse_local(value: str) -> datetime | None:
    """Return a site-time date as aware, in the current time zone."""
    naive = _naive(value)
    if naive is None:
        return None
    return timezone.make_aware(naive, timezone.get_current_timezone())


def parse_rss(value: str) -> datetime | None:
    """Return an RFC 822 date (an item's pubDate) as aware, or None."""
    try:
        parsed = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if parsed.year < 1971:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def best(gmt: str, local: str, rss: str = "") -> datetime | None:
    """Return the first usable of the GMT date, the site-time date and pubDate."""
    return parse_gmt(gmt) or parse_local(local) or (parse_rss(rss) if rss else None)


def format_gmt(moment: datetime | None) -> str:
    if moment is None:
        return "0000-00-00 00:00:00"
    return moment.astimezone(UTC).strftime(WP_FORMAT)


def format_local(moment: datetime | None) -> str:
    if moment is None:
        return "0000-00-00 00:00:00"
    return timezone.localtime(moment).strftime(WP_FORMAT)


def _naive(value: str) -> datetime | None:
    value = (value or "").strip()
    if not value or value.startswith("0000"):
        return None
    try:
        parsed = datetime.strptime(value[:19], WP_FORMAT)  # noqa: DTZ007
    except ValueError:
        return None
    # MySQL happily stores the year 0001 or 9999; neither is a real article.
    return parsed if 1971 <= parsed.year <= 9000 else None
