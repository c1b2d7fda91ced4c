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


def _matching(query: ParsedQuery, filters: Filters, now: datetime):
    expression, params = tsquery(query)
    where, where_params = where_clause(filters, now)
    return (
        f"WITH q AS (SELECT {expression} AS query)",
        f" FROM {TABLE} d, q WHERE d.vector @@ q.query AND {where}",
        [*params, *where_params],
    )


def count(query: ParsedQuery, filters: Filters, now: datetime, limit: int) -> int:
    """Return how many documents match, counting no further than `limit`."""
    with_q, sql, params = _matching(query, filters, now)
    with connection.cursor() as cursor:
        cursor.execute(
            f"{with_q} SELECT count(*) FROM (SELECT 1{sql} LIMIT %s) AS hits",
            [*params, limit],
        )
        return cursor.fetchone()[0]


def hits(
    query: ParsedQuery, filters: Filters, now: datetime, limit: int, offset: int
) -> list[Hit]:
    with_q, sql, params = _matching(query, filters, now)
    with connection.cursor() as cursor:
        # Headlines only for the page's rows: ts_headline re-reads the text.
        cursor.execute(
            f"{with_q}, ranked AS (SELECT d.id, ts_rank(d.vector, q.query) AS rank,"
            f" d.published_at{sql}"
            " ORDER BY rank DESC, d.published_at DESC NULLS LAST, d.id DESC"
            " LIMIT %s OFFSET %s)"
            f" SELECT d.id, ts_headline('{CONFIG}', d.title, q.query, %s),"
            f" ts_headline('{CONFIG}', d.body, q.query, %s)"
            f" FROM ranked JOIN {TABLE} d ON d.id = ranked.id, q"
            " ORDER BY ranked.rank DESC, ranked.published_at DESC NULLS LAST,"
            " ranked.id DESC",
            [*params, limit, offset, TITLE_HEADLINE, BODY_HEADLINE],
        )
        return [Hit(*row) for row in cursor.fetchall()]


@contextmanager
def bulk_load() -> Iterator[None]:
    """Empty the index for a full reload (the vector column computes itself)."""
    with connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {TABLE}")
    yield
