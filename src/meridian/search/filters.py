"""The narrowing a reader may add to a search: category, tag, author, year."""

import re
from dataclasses import dataclass
from datetime import datetime

from django.http import QueryDict
from django.utils import timezone

_SLUG = re.compile(r"^[-\w]{1,200}$")
_USERNAME = re.compile(r"^[\w.@+-]{1,150}$")
_YEAR = re.compile(r"^[12][0-9]{3}$")


@dataclass(frozen=True)
class Filters:
    category: str = ""
    tag: str = ""
    author: str = ""
    year: int | None = None

    def __bool__(self) -> bool:
        return bool(self.category or self.tag or self.author or self.year)

    @classmethod
    def from_query(cls, params: QueryDict) -> "Filters":
        """Read filters from a request's parameters; malformed values are dropped."""

        def value(name: str, pattern: re.Pattern) -> str:
            text = params.get(name, "").strip()
            return text if pattern.match(text) else ""

        year = value("year", _YEAR)
        return cls(
            category=value("category", _SLUG),
            tag=value("tag", _SLUG),
            author=value("author", _USERNAME),
            year=int(year) if year else None,
        )

    def without(self, name: str) -> "Filters":
        """Return these filters less one (by its name in items())."""
        return Filters(
            category="" if name == "category" else self.category,
            tag="" if name == "tag" else self.tag,
            author="" if name == "author" else self.author,
            year=None if name == "year" else self.year,
        )

    def items(self) -> list[tuple[str, str]]:
        """Return the set filters as (name, value) pairs, in link order."""
        pairs = [
            ("category", self.category),
            ("tag", self.tag),
            ("author", self.author),
            ("year", str(self.year) if self.year else ""),
        ]
        return [(name, value) for name, value in pairs if value]

    def year_bounds(self) -> tuple[datetime, datetime] | None:
        """Return the start of the year and of the next, in the site's time zone."""
        if not self.year:
            return None
        zone = timezone.get_current_timezone()
        return (
            datetime(self.year, 1, 1, tzinfo=zone),
            datetime(self.year + 1, 1, 1, tzinfo=zone),
        )
