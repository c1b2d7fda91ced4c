"""PostgreSQL full text: a weighted tsvector (generated column) with a GIN index.

Migration 0001 adds `vector` to search_document: the title weighs A, tags
and summary B, the body C. Each parsed term becomes its own tsquery through
websearch_to_tsquery (which accepts any text) or, for a word matched by
prefix, to_tsquery on a quoted lexeme of letters and digits only; the terms
are combined with the tsquery operators, never by pasting text together.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime

from django.db import connection

from ..filters import Filters
from ..syntax import ParsedQuery, Term
from .base import MARK_END, MARK_START, TABLE, Hit, where_clause

CONFIG = "english"
MARKS = f"StartSel={MARK_START}, StopSel={MARK_END}"
# Fragments for the body; the whole title (fragments would override HighlightAll).
BODY_HEADLINE = (
    f'{MARKS}, MaxWords=35, MinWords=15, MaxFragments=2, FragmentDelimiter=" … "'
)
TITLE_HEADLINE = f"{MARKS}, HighlightAll=true"


def _term(term: Term, params: list, *, prefix: bool = True) -> str:
    if prefix and term.is_prefix:
        # A word of letters and digits only (syntax._WORD): no quote can occur.
        params.append(f"'{term.words[0]}':*")
        return f"to_tsquery('{CONFIG}', %s)"
    params.append('"' + " ".join(term.words) + '"')
    return f"websearch_to_tsquery('{CONFIG}', %s)"


def tsquery(query: ParsedQuery) -> tuple[str, list]:
    """Return a SQL tsquery expression for a parsed query, and its parameters."""
    params: list = []
    groups = [
        "(" + " || ".join(_term(term, params) for term in group) + ")"
        for group in query.groups
    ]
    expression = " && ".join(groups)
    for term in query.excluded:
        expression = f"({expression}) && !!{_term(term, params, prefix=False)}"
    return expression, params


def latest_matches(
    query: ParsedQuery, filters: Filters, now: datetime, *, window: int
) -> list[int]:
    """Return the ids of the latest `window` matching documents, newest first."""
    expression, params = tsquery(query)
    where, where_params = where_clause(filters, now)
    with connection.cursor() as cursor:
        # The latest matches (ids grow with publication, see indexing): for a
        # common word the planner walks the primary key backwards and stops.
        cursor.execute(
            f"WITH q AS (SELECT {expression} AS query)"
            f" SELECT d.id FROM {TABLE} d, q WHERE d.vector @@ q.query AND {where}"
            " ORDER BY d.id DESC LIMIT %s",
            [*params, *where_params, window],
        )
        return [row[0] for row in cursor.fetchall()]


def ranked_hits(
    query: ParsedQuery,
    filters: Filters,
    now: datetime,
    latest: list[int],
    *,
    limit: int,
    offset: int,
) -> list[Hit]:
    """Return one page of the `latest` matches, best first, with headlines.

    The ids already passed the filters: `filters` and `now` are not needed here.
    """
    expression, params = tsquery(query)
    with connection.cursor() as cursor:
        # Headlines only for the page's rows: ts_headline re-reads the text.
        cursor.execute(
            f"WITH q AS (SELECT {expression} AS query),"
            " ranked AS (SELECT d.id, d.published_at,"
            f" ts_rank(d.vector, q.query) AS rank FROM {TABLE} d, q"
            " WHERE d.id = ANY(%s)"
            " ORDER BY rank DESC, d.published_at DESC NULLS LAST, d.id DESC"
            " LIMIT %s OFFSET %s)"
            f" SELECT d.id, ts_headline('{CONFIG}', d.title, q.query, %s),"
            f" ts_headline('{CONFIG}', d.body, q.query, %s)"
            f" FROM ranked JOIN {TABLE} d ON d.id = ranked.id, q"
            " ORDER BY ranked.rank DESC, ranked.published_at DESC NULLS LAST,"
            " ranked.id DESC",
            [*params, latest, limit, offset, TITLE_HEADLINE, BODY_HEADLINE],
        )
        return [Hit(*row) for row in cursor.fetchall()]


@contextmanager
def bulk_load() -> Iterator[None]:
    """Empty the index for a full reload (the vector column computes itself)."""
    with connection.cursor() as cursor:
        # Not TRUNCATE: it refuses to run beside deferred constraint checks
        # still pending in the same transaction.
        cursor.execute(f"DELETE FROM {TABLE}")
    yield
