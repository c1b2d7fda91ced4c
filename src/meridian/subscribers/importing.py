"""Importing a list of addresses from CSV, and exporting the list as CSV.

An import streams the file and writes in chunks, so 100,000 lines take seconds
and little memory. Imported addresses must confirm like any sign-up, unless
the administrator states that these people already did; that statement is
recorded on each subscriber it admitted.
"""

import csv
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone

from .models import Delivery, Mailing, Subscriber, new_key
from .sending import queue_mailing
from .subscribing import normalize_email

CHUNK = 1000
MAX_ROWS = 200_000
SHOWN_PROBLEMS = 50
EXPORT_FIELDS = [
    "email",
    "confirmed",
    "sends",
    "categories",
    "requested_at",
    "confirmed_at",
    "source",
]


@dataclass
class ImportReport:
    created: int = 0
    existing: int = 0
    bad: int = 0
    problems: list[tuple[int, str]] = field(default_factory=list)
    stopped_at: int | None = None  # a line past MAX_ROWS
    mailing: Mailing | None = None

    def problem(self, line: int, text: str) -> None:
        self.bad += 1
        if len(self.problems) < SHOWN_PROBLEMS:
            self.problems.append((line, text))


def _rows(text: Iterable[str], report: ImportReport) -> Iterator[tuple[int, str]]:
    """Yield (line number, raw address) from CSV text, with or without a header."""
    reader = csv.reader(text)
    column = 0
    line = 0
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            report.problem(reader.line_num, f"unreadable line ({error})")
            continue
        line = reader.line_num
        if line > MAX_ROWS:
            report.stopped_at = line
            return
        cells = [cell.strip() for cell in row]
        if not any(cells):
            continue
        lowered = [cell.lower() for cell in cells]
        if line == 1 and ("email" in lowered or "e-mail" in lowered):
            column = lowered.index("email" if "email" in lowered else "e-mail")
            continue
        yield line, cells[column] if column < len(cells) else ""


def import_subscribers(
    binary, *, confirmed: bool, consent_note: str = "", by=None
) -> ImportReport:
    """Add the addresses in a CSV file; ask them to confirm unless `confirmed`."""
    report = ImportReport()
    text = io.TextIOWrapper(binary, encoding="utf-8-sig", errors="replace", newline="")
    chunk: dict[str, int] = {}
    new_ids: list[int] = []
    for line, raw in _rows(text, report):
        try:
            email = normalize_email(raw)
        except ValidationError:
            report.problem(line, f"not an email address: {raw[:80]!r}")
            continue
        chunk.setdefault(email, line)
        if len(chunk) >= CHUNK:
            new_ids += _write(chunk, confirmed, consent_note, report)
            chunk = {}
    if chunk:
        new_ids += _write(chunk, confirmed, consent_note, report)
    if new_ids and not confirmed:
        report.mailing = _ask_to_confirm(new_ids, by)
    return report


def _write(
    chunk: dict[str, int], confirmed: bool, consent_note: str, report: ImportReport
) -> list[int]:
    with transaction.atomic():
        known = set(
            Subscriber.objects.filter(email__in=list(chunk)).values_list(
                "email", flat=True
            )
        )
        fresh = [email for email in chunk if email not in known]
        _insert(fresh, confirmed, consent_note)
    report.existing += len(known)
    report.created += len(fresh)
    if confirmed:
        return []
    return list(
        Subscriber.objects.filter(email__in=fresh, confirmed_at__isnull=True)
        .values_list("pk", flat=True)
        .order_by("pk")
    )


def _insert(emails: list[str], confirmed: bool, consent_note: str) -> None:
    """Insert new subscribers in one statement per chunk.

    bulk_create() prepares every field of every row in Python, which made a
    100,000-line import take most of a minute; the rows differ only in the
    address and key, so one prepared statement does it in seconds. An address
    that signed up meanwhile is left as it is (ON CONFLICT DO NOTHING).
    """
    if not emails:
        return
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    meta = Subscriber._meta
    columns = [  # plain fields: each column is named as its field
        "email",
        "key",
        "frequency",
        "all_categories",
        "source",
        "consent_note",
        "requested_at",
        "confirmed_at",
    ]
    quote = connection.ops.quote_name
    sql = (
        f"INSERT INTO {quote(meta.db_table)} "
        f"({', '.join(quote(c) for c in columns)}) "
        f"VALUES ({', '.join(['%s'] * len(columns))}) ON CONFLICT DO NOTHING"
    )
    rows = [
        (
            email,
            new_key(),
            Subscriber.Frequency.EACH.value,
            True,
            Subscriber.Source.IMPORT.value,
            consent_note if confirmed else "",
            now,
            now if confirmed else None,
        )
        for email in emails
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


@transaction.atomic
def _ask_to_confirm(subscriber_ids: list[int], by) -> Mailing:
    """Send each imported address a confirmation, as a rate-limited mailing."""
    mailing = Mailing.objects.create(
        kind=Mailing.Kind.CONFIRMATION, created_by=by, recipients_listed=True
    )
    for start in range(0, len(subscriber_ids), CHUNK):
        Delivery.objects.bulk_create(
            [
                Delivery(mailing=mailing, subscriber_id=pk)
                for pk in subscriber_ids[start : start + CHUNK]
            ],
            ignore_conflicts=True,
        )
    queue_mailing(mailing)
    return mailing


class _Echo:
    def write(self, value: str) -> str:
        return value


def _cell(value: str) -> str:
    # A spreadsheet runs a cell that starts like a formula: quote it.
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def export_rows() -> Iterator[str]:
    """Yield the subscriber list as CSV lines, streaming."""
    writer = csv.writer(_Echo())
    yield writer.writerow(EXPORT_FIELDS)
    subscribers = Subscriber.objects.order_by("pk").prefetch_related("categories")
    for s in subscribers.iterator(chunk_size=2000):
        categories = (
            "" if s.all_categories else " ".join(c.slug for c in s.categories.all())
        )
        yield writer.writerow(
            [
                _cell(s.email),
                "yes" if s.is_confirmed else "no",
                s.frequency,
                categories or "all",
                s.requested_at.isoformat(),
                s.confirmed_at.isoformat() if s.confirmed_at else "",
                s.source,
            ]
        )
