"""An article's sources as rows of fields: title, publisher, year, address.

The journal keeps them as text, one source per line ("Title | Publisher |
Year | https://address", read by `Post.source_list()`), which the admin and
the WordPress importer also write. The writing screen shows each source as a
row of four fields, with empty rows to add more, and joins the rows back into
that text; a row with a year or an address readers could not use is refused
with the typed rows kept.
"""

import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

from meridian.journal.models import Post

PARTS = ("title", "publisher", "year", "url")
EMPTY_ROWS = 2
MAX_ROWS = 60
YEAR = re.compile(r"\d{4}")
_check_url = URLValidator(schemes=["http", "https"])

Row = dict[str, str]


def rows_from_text(text: str) -> list[Row]:
    """Return the sources stored as text, one row of four parts each."""
    return [
        {
            "title": source.title,
            "publisher": source.publisher,
            "year": source.year,
            "url": source.url,
        }
        for source in Post(sources=text or "").source_list()
    ]


def text_from_rows(rows: list[Row]) -> str:
    """Return the stored text for `rows`, leaving out the empty ones."""
    lines = []
    for row in rows:
        # A typed "|" would split the line into other parts.
        parts = [row.get(part, "").replace("|", "/").strip() for part in PARTS]
        if any(parts):
            lines.append(" | ".join(part for part in parts if part))
    return "\n".join(lines)


def rows_from_data(data: Any, name: str) -> list[Row] | None:
    """Return the rows a form sent as `name-N-part`, or None if it sent none."""
    if f"{name}-0-title" not in data:
        return None
    rows = []
    for index in range(MAX_ROWS):
        prefix = f"{name}-{index}-"
        if f"{prefix}title" not in data:
            break
        rows.append({part: str(data.get(prefix + part, ""))[:500] for part in PARTS})
    return rows


def sent_text(data: Any, name: str = "sources") -> str | None:
    """Return the sources a form sent, as stored text (rows or the plain field)."""
    rows = rows_from_data(data, name)
    if rows is not None:
        return text_from_rows(rows)
    if name in data:
        return str(data.get(name, ""))
    return None


class SourcesWidget(forms.Widget):
    template_name = "studio/widgets/sources.html"
    use_fieldset = True

    # Rows, not a string: the template draws one row of fields for each.
    def format_value(self, value: Any) -> list[Row]:  # type: ignore[override]
        rows = value if isinstance(value, list) else rows_from_text(value or "")
        rows = [row for row in rows if any(str(v).strip() for v in row.values())]
        blank = dict.fromkeys(PARTS, "")
        return [*rows, *(dict(blank) for _row in range(EMPTY_ROWS))]

    def id_for_label(self, id_):
        # A legend names the rows; it points at no single field.
        return ""

    def value_from_datadict(self, data, files, name):
        rows = rows_from_data(data, name)
        if rows is not None:
            return rows
        return data.get(name)

    def value_omitted_from_data(self, data, files, name):
        return f"{name}-0-title" not in data and name not in data

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["rows"] = [
            {"number": index + 1, "index": index, **row}
            for index, row in enumerate(context["widget"]["value"])
        ]
        return context


class SourcesField(forms.Field):
    """Rows of sources in, the journal's sources text out."""

    widget = SourcesWidget

    def to_python(self, value: Any) -> str:
        if isinstance(value, list):
            self._check_rows(value)
            return text_from_rows(value)
        return str(value or "").strip()

    @staticmethod
    def _check_rows(rows: list[Row]) -> None:
        problems = []
        for number, row in enumerate(rows, start=1):
            title, year, url = (
                row.get(key, "").strip() for key in ("title", "year", "url")
            )
            if not any(row.get(part, "").strip() for part in PARTS):
                continue
            if not title and not url:
                problems.append(
                    _("Source %(n)s: give its title.") % {"n": number},
                )
            if year and not YEAR.fullmatch(year):
                problems.append(
                    _("Source %(n)s: the year is four digits, like 2021.")
                    % {"n": number},
                )
            if url:
                try:
                    _check_url(url)
                except ValidationError:
                    problems.append(
                        _(
                            "Source %(n)s: the address is a whole web address "
                            "starting with https://."
                        )
                        % {"n": number},
                    )
        if problems:
            raise ValidationError(problems)
