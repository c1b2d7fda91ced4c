"""The one search API: search(text, page, filters) -> SearchPage.

The backend is chosen from the database in use: SQLite FTS5 by default,
PostgreSQL full text at scale. Both find only what readers may see now.
"""

import math
from dataclasses import dataclass, field
from datetime import datetime
from types import ModuleType

from django.db import connection
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from meridian.accounts.models import User

from .backends import postgres, sqlite_fts5
from .backends.base import MARK_END, MARK_START, Hit, IndexBusy
from .filters import Filters
from .models import Document
from .syntax import ParsedQuery, normalize, parse

PER_PAGE = 10
# Deeper pages cost the database more and help nobody: refine the words.
MAX_PAGE = 50
# Beyond this many matches, only the latest this many are ranked and counted
# ("1,000 or more results"): the index is in publication order, and ranking
# costs microseconds per match, so a word found in half of 100,000 articles
# would take over 100 ms to rank whole. Filters apply before the window, so
# narrowing a search reaches older articles.
RANK_WINDOW = 1000


@dataclass
class SearchResult:
    document: Document
    title_html: SafeString
    snippet_html: SafeString

    @property
    def url(self) -> str:
        return self.document.url


@dataclass
class SearchPage:
    text: str
    query: ParsedQuery
    filters: Filters
    number: int = 1
    total: int = 0
    results: list[SearchResult] = field(default_factory=list)
    per_page: int = PER_PAGE
    # The index is being rebuilt: no answer for now (the page says so).
    busy: bool = False

    @property
    def total_is_estimate(self) -> bool:
        return self.total >= RANK_WINDOW

    @property
    def num_pages(self) -> int:
        pages = math.ceil(self.total / self.per_page) if self.total else 0
        return min(pages, MAX_PAGE)

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.num_pages

    @property
    def has_other_pages(self) -> bool:
        return self.num_pages > 1

    @property
    def previous_page_number(self) -> int:
        return self.number - 1

    @property
    def next_page_number(self) -> int:
        return self.number + 1

    @property
    def start_index(self) -> int:
        return (self.number - 1) * self.per_page + 1 if self.results else 0

    @property
    def end_index(self) -> int:
        return self.start_index + len(self.results) - 1 if self.results else 0


def backend() -> ModuleType:
    """Return the backend module for the database in use."""
    return postgres if connection.vendor == "postgresql" else sqlite_fts5


def marked(text: str) -> SafeString:
    """Escape the text and turn the backend's match markers into <mark>."""
    # Everything but the markers is escaped first.
    return mark_safe(
        escape(text).replace(MARK_START, "<mark>").replace(MARK_END, "</mark>")
    )


def search(
    text: str,
    page: int = 1,
    filters: Filters | None = None,
    *,
    now: datetime | None = None,
) -> SearchPage:
    """Return one page of ranked, highlighted results for a reader's text."""
    text = normalize(text)
    result = SearchPage(
        text=text,
        query=parse(text),
        filters=filters or Filters(),
        number=max(1, min(page, MAX_PAGE)),
    )
    if not result.query:
        return result
    try:
        result.total, hits = _find(result.query, result.filters, now, result.number)
    except IndexBusy:
        result.busy = True
        return result
    result.results = _results(hits)
    return result


def _find(
    query: ParsedQuery, filters: Filters, now: datetime | None, number: int
) -> tuple[int, list[Hit]]:
    """Return how many documents match (up to RANK_WINDOW) and one page of hits.

    The hits are the best of the latest RANK_WINDOW matches, found, ranked,
    counted and cut into snippets by the backend in one or two statements.
    """
    return backend().ranked_page(
        query,
        filters,
        now or timezone.now(),
        window=RANK_WINDOW,
        limit=PER_PAGE,
        offset=(number - 1) * PER_PAGE,
    )


RESULT_FIELDS = [
    "url",
    "title",
    "summary",
    "published_at",
    *(f"author__{name}" for name in User.PUBLIC_NAME_FIELDS),
    "category__name",
]


def _results(hits: list[Hit]) -> list[SearchResult]:
    if not hits:
        return []
    # What a result shows, and no more: building whole accounts took longer
    # than finding the page.
    documents = (
        Document.objects.select_related("author", "category")
        .only(*RESULT_FIELDS)
        .in_bulk([hit.id for hit in hits])
    )
    results = []
    for hit in hits:
        document = documents.get(hit.id)
        if document is None:  # removed between the two queries
            continue
        snippet = hit.snippet if MARK_START in hit.snippet else ""
        results.append(
            SearchResult(
                document=document,
                title_html=marked(hit.title or document.title),
                snippet_html=marked(snippet or document.summary or hit.snippet),
            )
        )
    return results
