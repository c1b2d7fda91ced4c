"""SQLite FTS5: an external-content table over search_document, porter stemming.

The FTS5 table and the triggers that keep it in step with search_document
are made by migration 0001. The reader's text never reaches MATCH as
syntax: every word is quoted here, so FTS5 operators typed by a reader
(NEAR, ^, *, :, parentheses) are just punctuation.
"""

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime

from django.db import connection

from ..filters import Filters
from ..syntax import ParsedQuery, Term
from .base import MARK_END, MARK_START, TABLE, Hit, where_clause

FTS_TABLE = f"{TABLE}_fts"
# bm25 weights per column (title, tags, summary, body): title weighs most.
WEIGHTS = "10.0, 4.0, 4.0, 1.0"
SNIPPET_TOKENS = 32
# Page rows further apart than this on average get their snippets one by one.
SPARSE = 100
# A covering index of the filtered columns (migration 0001): checking a match
# against it never reads the long row, several times faster for common words.
FILTER_INDEX = f"{TABLE}_filters"
_COLUMNS = "title, tags, summary, body"
# The same triggers as migration 0001 makes: they keep the FTS5 index in step
# with every insert, update and delete of search_document.
TRIGGERS = [
    f"""CREATE TRIGGER {TABLE}_fts_insert AFTER INSERT ON {TABLE} BEGIN
        INSERT INTO {FTS_TABLE}(rowid, {_COLUMNS})
        VALUES (new.id, new.title, new.tags, new.summary, new.body);
    END""",
    f"""CREATE TRIGGER {TABLE}_fts_delete AFTER DELETE ON {TABLE} BEGIN
        INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, {_COLUMNS})
        VALUES ('delete', old.id, old.title, old.tags, old.summary, old.body);
    END""",
    f"""CREATE TRIGGER {TABLE}_fts_update AFTER UPDATE ON {TABLE} BEGIN
        INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, {_COLUMNS})
        VALUES ('delete', old.id, old.title, old.tags, old.summary, old.body);
        INSERT INTO {FTS_TABLE}(rowid, {_COLUMNS})
        VALUES (new.id, new.title, new.tags, new.summary, new.body);
    END""",
]


def _term(term: Term, *, prefix: bool = True) -> str:
    # Words hold letters and digits only (syntax._WORD), so no quote can occur.
    quoted = '"' + " ".join(term.words) + '"'
    return quoted + "*" if prefix and term.is_prefix else quoted


def match_expression(query: ParsedQuery) -> str:
    """Return the FTS5 expression for a parsed query, every word quoted."""
    expression = " AND ".join(
        "(" + " OR ".join(_term(term) for term in group) + ")" for group in query.groups
    )
    for term in query.excluded:
        expression = f"({expression}) NOT {_term(term, prefix=False)}"
    return expression


def _from(query: ParsedQuery, filters: Filters, now: datetime) -> tuple[str, list]:
    where, params = where_clause(filters, now)
    return (
        f" FROM {FTS_TABLE} JOIN {TABLE} d INDEXED BY {FILTER_INDEX}"
        f" ON d.id = {FTS_TABLE}.rowid WHERE {FTS_TABLE} MATCH %s AND {where}",
        [match_expression(query), *params],
    )


def ranked_page(
    query: ParsedQuery,
    filters: Filters,
    now: datetime,
    *,
    window: int,
    limit: int,
    offset: int,
) -> tuple[int, list[Hit]]:
    """Return how many of the latest `window` match, and a page of them, best first."""
    sql, params = _from(query, filters, now)
    # The latest matches, newest first: FTS5 reads its index in rowid order,
    # so this stops after `window` rows however common the word, and each is
    # scored as it is read (one pass; a second, ranking pass read the index
    # again, which for a phrase or a prefix means whole doclists).
    latest = (
        f"SELECT {FTS_TABLE}.rowid AS id, bm25({FTS_TABLE}, {WEIGHTS}) AS score,"
        f" d.published_at AS published_at{sql}"
        f" ORDER BY {FTS_TABLE}.rowid DESC LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT id, count(*) OVER () FROM ({latest})"
            " ORDER BY score, published_at DESC, id DESC LIMIT %s OFFSET %s",
            [*params, window, limit, offset],
        )
        rows = cursor.fetchall()
        if not rows:  # none, or a page past the last: count them alone
            if not offset:
                return 0, []
            cursor.execute(
                f"SELECT count(*) FROM ({latest})",
                [*params, window],
            )
            return cursor.fetchone()[0], []
        ids = [row[0] for row in rows]
        return rows[0][1], _snippets(cursor, query, ids)


def _snippets(cursor, query: ParsedQuery, ids: list[int]) -> list[Hit]:
    """Return the hits for these ids, in their order, with title and snippet."""
    marks = f"char({ord(MARK_START)}), char({ord(MARK_END)})"
    select = (
        f"SELECT rowid, highlight({FTS_TABLE}, 0, {marks}),"
        f" snippet({FTS_TABLE}, 3, {marks}, '…', {SNIPPET_TOKENS})"
        f" FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s"
    )
    match = match_expression(query)
    if _sparse(ids) and not any(
        term.is_prefix for group in query.groups for term in group
    ):
        # Matches far apart (a phrase of common words): a lookup per id,
        # where a range would read most of the words' position lists again.
        cursor.execute(
            " UNION ALL ".join([f"{select} AND rowid = %s"] * len(ids)),
            [value for id_ in ids for value in (match, id_)],
        )
    else:
        # Snippets for the page's rows in one pass over their range. `+rowid`
        # keeps the list away from FTS5, which would run the whole MATCH once
        # per id (for a prefix, a merge of every matching doclist each time).
        placeholders = ", ".join(["%s"] * len(ids))
        cursor.execute(
            f"{select} AND rowid BETWEEN %s AND %s AND +rowid IN ({placeholders})",
            [match, min(ids), max(ids), *ids],
        )
    found = {row[0]: Hit(*row) for row in cursor.fetchall()}
    return [found[id_] for id_ in ids if id_ in found]


def _sparse(ids: list[int]) -> bool:
    """Tell whether these rows lie far apart (more than SPARSE rows each)."""
    return max(ids) - min(ids) > SPARSE * len(ids)


def stage_posts(posts: Iterable[tuple[int, str]]) -> int:
    """Stage nothing: SQLite is given the articles' rows (indexing.rebuild_index)."""
    return 0


@contextmanager
def bulk_load() -> Iterator[None]:
    """Empty the index for a full reload, and index the reloaded rows in one pass.

    Row by row, the triggers would tokenize every old row to delete it and
    every new row to insert it; one 'rebuild' at the end is several times
    faster. Runs inside the caller's transaction, so readers never see it half
    done (SQLite's DDL is transactional).
    """
    with connection.cursor() as cursor:
        for name in ("insert", "delete", "update"):
            cursor.execute(f"DROP TRIGGER IF EXISTS {TABLE}_fts_{name}")
        cursor.execute(f"DELETE FROM {TABLE}")
        yield
        cursor.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')")
        for statement in TRIGGERS:
            cursor.execute(statement)
