"""PostgreSQL full text: a weighted tsvector with a GIN index.

Migration 0001 adds `vector` to search_document: the title weighs A, tags
and summary B, the body C; since migration 0003 a trigger makes it from the
row's text (search_document_tsvector), and a rebuild brings it along. Each
parsed term becomes its own tsquery through websearch_to_tsquery (which
accepts any text) or, for a word matched by prefix, to_tsquery on a quoted
lexeme of letters and digits only; the terms are combined with the tsquery
operators, never by pasting text together.
"""

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime

from django.db import OperationalError, connection, transaction
from django.db.backends.utils import CursorWrapper

from meridian.journal.models import Post, Tag

from ..filters import Filters
from ..models import Document
from ..syntax import ParsedQuery, Term
from .base import (
    CONTROL_CHARACTERS,
    MARK_END,
    MARK_START,
    MAX_BODY_CHARS,
    TABLE,
    Hit,
    IndexBusy,
    where_clause,
)

CONFIG = "english"
MARKS = f"StartSel={MARK_START}, StopSel={MARK_END}"
# Fragments for the body; the whole title (fragments would override HighlightAll).
BODY_HEADLINE = (
    f'{MARKS}, MaxWords=35, MinWords=15, MaxFragments=2, FragmentDelimiter=" … "'
)
TITLE_HEADLINE = f"{MARKS}, HighlightAll=true"
# A headline parses all the text it is given, about a millisecond for an
# article: a passage this long (cut to whole words) is tried first. A body no
# longer than this in bytes is taken whole (its size is known without
# reading it: it is stored uncompressed, migration 0003).
PASSAGE_CHARS = 1500
# The body's first words, for a match outside the body in an article with no
# summary: about a snippet's length.
SHORT_CHARS = 300
# A long body's passage: PASSAGE_CHARS of it, cut to whole words, around the
# first place where a word searched occurs, or its opening if none does. The
# place is found by a plain search for each word's stem (a hundredth of a
# headline's cost), as written or capitalized; a stem is how the word begins
# in the text, but for a y made i ("anxiety", "anxieti"): that i is left out.
_PASSAGE = (
    "CASE WHEN octet_length(d.body) <= %s THEN d.body ELSE"
    " (SELECT CASE WHEN hint.start = 1"
    " THEN regexp_replace(left(d.body, %s), '\\S*$', '')"
    " ELSE regexp_replace(substr(d.body, hint.start, %s), '^\\S*|\\S*$', '', 'g')"
    " END FROM (SELECT greatest(1, coalesce(min(least("
    " nullif(strpos(d.body, stem), 0), nullif(strpos(d.body, initcap(stem)), 0)"
    f")), 1) - %s) AS start FROM unnest(tsvector_to_array(to_tsvector('{CONFIG}', %s)))"
    " lexeme, LATERAL (SELECT CASE WHEN right(lexeme, 1) = 'i' AND length(lexeme) > 3"
    " THEN left(lexeme, -1) ELSE lexeme END AS stem) stems) hint) END"
)
# GIN does not keep word positions: a quoted phrase is found through its words
# and then checked row by row, which costs microseconds per row. A phrase is
# therefore checked in the latest articles that have all its words, this many
# at most (filters apply first, so a filter reaches older articles).
PHRASE_WINDOW = 2000
VECTOR_INDEX = f"{TABLE}_vector"
# How long a search waits for a table locked by a rebuild before saying so.
LOCK_WAIT_MS = 2000
LOCK_NOT_AVAILABLE = "55P03"
# As migration 0002 leaves it: no pending list for searches to read.
CREATE_VECTOR_INDEX = (
    f"CREATE INDEX {VECTOR_INDEX} ON {TABLE} USING gin (vector) WITH (fastupdate = off)"
)


def _term(term: Term, params: list, *, prefix: bool = True) -> str:
    if prefix and term.is_prefix:
        # A word of letters and digits only (syntax._WORD): no quote can occur.
        params.append(f"'{term.words[0]}':*")
        return f"to_tsquery('{CONFIG}', %s)"
    params.append('"' + " ".join(term.words) + '"')
    return f"websearch_to_tsquery('{CONFIG}', %s)"


def _words(term: Term, params: list) -> str:
    """Return a tsquery of the term's words in any order (a phrase, loosened)."""
    if len(term.words) == 1:
        return _term(term, params)
    loose = []
    for word in term.words:
        params.append(f'"{word}"')
        loose.append(f"websearch_to_tsquery('{CONFIG}', %s)")
    return "(" + " && ".join(loose) + ")"


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


def loose_tsquery(query: ParsedQuery) -> tuple[str, list]:
    """Return a tsquery that the index answers alone, matching a superset.

    Phrases become their words in any order, and exclusions are left out (an
    excluded phrase loosened would exclude too much).
    """
    params: list = []
    groups = [
        "(" + " || ".join(_words(term, params) for term in group) + ")"
        for group in query.groups
    ]
    return " && ".join(groups), params


def any_term_tsquery(query: ParsedQuery) -> tuple[str, list]:
    """Return a tsquery matching any of the query's terms (for headlines)."""
    params: list = []
    terms = [_term(term, params) for group in query.groups for term in group]
    return "(" + " || ".join(terms) + ")", params


def _has_phrase(query: ParsedQuery) -> bool:
    return any(len(term.words) > 1 for group in query.groups for term in group)


def _latest(
    query: ParsedQuery, filters: Filters, now: datetime, window: int
) -> tuple[str, list]:
    """Return SQL for the latest `window` matches (id, published_at, rank)."""
    expression, params = tsquery(query)
    where, where_params = where_clause(filters, now)
    # The latest matches (ids grow with publication, see indexing): for a
    # common word the planner walks the primary key backwards and stops, and
    # each match is ranked while its row is at hand. The tsquery is written
    # into the statement rather than a CTE, so the planner sees how common its
    # words are.
    if _has_phrase(query):
        loose, loose_params = loose_tsquery(query)
        return (
            f"SELECT c.id, c.published_at, ts_rank(c.vector, {expression}) AS rank"
            " FROM (SELECT d.id, d.published_at, d.vector"
            f" FROM {TABLE} d WHERE d.vector @@ ({loose}) AND {where}"
            f" ORDER BY d.id DESC LIMIT %s) c WHERE c.vector @@ ({expression})"
            " ORDER BY c.id DESC LIMIT %s",
            [*params, *loose_params, *where_params, PHRASE_WINDOW, *params, window],
        )
    return (
        f"SELECT d.id, d.published_at, ts_rank(d.vector, {expression}) AS rank"
        f" FROM {TABLE} d WHERE d.vector @@ ({expression}) AND {where}"
        " ORDER BY d.id DESC LIMIT %s",
        [*params, *params, *where_params, window],
    )


@contextmanager
def _searching() -> Iterator[CursorWrapper]:
    """Give a cursor for a search, which says so if a rebuild holds the table.

    A rebuild holds it from its TRUNCATE to its commit, a minute or more: a
    reader is told so (IndexBusy) rather than kept waiting past the server's
    timeout.
    """
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"SET LOCAL lock_timeout = '{LOCK_WAIT_MS}ms'")
            yield cursor
    except OperationalError as error:
        if getattr(error.__cause__, "sqlstate", None) == LOCK_NOT_AVAILABLE:
            raise IndexBusy from error
        raise


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
    latest, latest_params = _latest(query, filters, now, window)
    expression, params = tsquery(query)
    any_term, any_term_params = any_term_tsquery(query)
    words = " ".join(
        word for group in query.groups for term in group for word in term.words
    )
    with _searching() as cursor:
        # One statement: the window is read and ranked once, counted beside
        # the ranking, and headlines (which parse the text again) are made
        # for the page's rows only: the body's from a passage around the
        # first match (_PASSAGE) when the body holds any of the words (its
        # C-weighted lexemes say so), else from the whole body when the
        # passage turns out to hold none. A match elsewhere (title, tags,
        # summary) gets the summary's headline, or the body's first words.
        # The passage's headline marks any of the words (one of all of them
        # needs a passage holding every one); OFFSET 0 keeps it from being
        # worked out twice.
        cursor.execute(
            "WITH page AS (SELECT w.id, w.published_at, w.rank,"
            f" count(*) OVER () AS total FROM ({latest}) w"
            " ORDER BY w.rank DESC, w.published_at DESC NULLS LAST, w.id DESC"
            " LIMIT %s OFFSET %s)"
            f" SELECT d.id, ts_headline('{CONFIG}', d.title, {expression}, %s),"
            f" CASE WHEN passage.headline IS NULL THEN ts_headline('{CONFIG}',"
            " coalesce(nullif(d.summary, ''),"
            f" regexp_replace(left(d.body, %s), '\\S*$', '')), {any_term}, %s)"
            " WHEN strpos(passage.headline, %s) > 0 THEN passage.headline"
            f" ELSE ts_headline('{CONFIG}', d.body, {expression}, %s) END,"
            " page.total"
            f" FROM page JOIN {TABLE} d ON d.id = page.id CROSS JOIN LATERAL"
            f" (SELECT CASE WHEN ts_filter(d.vector, '{{c}}') @@ ({any_term})"
            f" THEN ts_headline('{CONFIG}', {_PASSAGE}, {any_term}, %s) END"
            " AS headline OFFSET 0) passage"
            " ORDER BY page.rank DESC, page.published_at DESC NULLS LAST, page.id DESC",
            [
                *latest_params,
                limit,
                offset,
                *params,
                TITLE_HEADLINE,
                SHORT_CHARS,
                *any_term_params,
                BODY_HEADLINE,
                MARK_START,
                *params,
                BODY_HEADLINE,
                *any_term_params,
                PASSAGE_CHARS,
                PASSAGE_CHARS,
                PASSAGE_CHARS,
                PASSAGE_CHARS // 2,
                words,
                *any_term_params,
                BODY_HEADLINE,
            ],
        )
        rows = cursor.fetchall()
        if not rows:  # none, or a page past the last: count them alone
            if not offset:
                return 0, []
            cursor.execute(f"SELECT count(*) FROM ({latest}) w", latest_params)
            return cursor.fetchone()[0], []
    return rows[0][3], [Hit(*row[:3]) for row in rows]


def _cleaned(column: str, limit: int | None = None) -> str:
    """Return SQL for a text column with control characters made spaces."""
    # Looked for first: translate() with the whole list costs a millisecond
    # for an article, more than its tsvector; a regular expression finds none
    # in a hundredth of that.
    cleaned = (
        f"CASE WHEN {column} ~ %(control)s"
        f" THEN regexp_replace({column}, %(control)s, ' ', 'g') ELSE {column} END"
    )
    return f"left({cleaned}, {limit})" if limit else cleaned


STAGED = "search_staged"
# A rebuild's tsvectors are worked out by a parallel query, whatever the
# tables' sizes: up to four processes besides the rebuild's own (as many as
# the server's max_parallel_workers allows), each tokenizing its share.
PARALLEL_REBUILD = {
    "max_parallel_workers_per_gather": 4,
    "parallel_setup_cost": 0,
    "parallel_tuple_cost": 0,
    "min_parallel_table_scan_size": 0,
}
# The control characters themselves: none is special in brackets. NUL cannot
# occur in PostgreSQL text.
CONTROL_CLASS = f"[{CONTROL_CHARACTERS[1:]}]"


def _post_columns() -> dict[str, str]:
    """Return SQL for each text column of an article's row, from its row `p`.

    Each reads as `indexing.post_document()` makes the column; the tags come
    from the join _tagged() names `tagged`.
    """
    return {
        "title": _cleaned("p.title"),
        "tags": _cleaned("coalesce(tagged.names, '')"),
        "summary": _cleaned("p.summary"),
        "body": _cleaned("p.body_text", MAX_BODY_CHARS),
    }


def _tagged() -> str:
    through = Post.tags.through._meta
    post_column = through.get_field("post").column
    return (
        f" LEFT JOIN (SELECT pt.{post_column} AS post_id,"
        " string_agg(t.name, ' ' ORDER BY t.name) AS names"
        f" FROM {through.db_table} pt JOIN {Tag._meta.db_table} t"
        f" ON t.id = pt.{through.get_field('tag').column}"
        f" GROUP BY pt.{post_column}) tagged ON tagged.post_id = p.id"
    )


def stage_posts(posts: Iterable[tuple[int, str]]) -> int:
    """Work out the tsvectors of these published articles, given as (id, address).

    Most of a rebuild's time: they are made in the database, from the
    articles' own rows, by a parallel query (CREATE TABLE AS may be one;
    INSERT may not) into a temporary table, before the index is emptied, so
    searches go on meanwhile (an article edited meanwhile gets a new vector
    in insert_staged). Each is the vector the table's trigger makes
    (migration 0003) of the text insert_staged() stores. Returns how many.
    """
    posts = list(posts)
    if not posts:
        return 0
    ids, urls = zip(*posts, strict=True)
    columns = _post_columns()
    with connection.cursor() as cursor:
        # Fresh statistics first (a site just imported has none): guessing
        # the articles few, the planner joined them otherwise and the
        # parallel query took twice as long.
        through = Post.tags.through._meta.db_table
        cursor.execute(
            f"ANALYZE {Post._meta.db_table}, {through}, {Tag._meta.db_table}"
        )
        for setting, value in PARALLEL_REBUILD.items():
            cursor.execute(f"SET LOCAL {setting} = {value}")
        cursor.execute(
            f"CREATE TEMPORARY TABLE {STAGED} ON COMMIT DROP AS"
            " SELECT given.position, given.id, given.url, search_document_tsvector("
            + ", ".join(columns.values())
            + ") AS vector, p.xmin AS version"
            f" FROM {Post._meta.db_table} p"
            " JOIN unnest(%(ids)s::bigint[], %(urls)s::text[])"
            " WITH ORDINALITY AS given(id, url, position) ON given.id = p.id"
            + _tagged(),
            {"ids": list(ids), "urls": list(urls), "control": CONTROL_CLASS},
        )
        count = cursor.rowcount
        for setting in PARALLEL_REBUILD:
            cursor.execute(f"RESET {setting}")
        return count


def insert_staged() -> int:
    """Index the articles stage_posts() made, in the order given; return how many.

    Their text goes from their rows straight into the index: it never travels
    to Python and back.
    """
    columns = _post_columns()
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {TABLE} (kind, post_id, url, published_at, author_id,"
            f" category_id, {', '.join(columns)}, vector)"
            " SELECT %(kind)s, p.id, s.url, p.published_at, p.author_id,"
            f" p.category_id, {', '.join(columns.values())},"
            # An article whose row was written since its vector was made
            # (xmin: the transaction that wrote it) gets a new one, from the
            # trigger (an insert with no vector).
            " CASE WHEN p.xmin = s.version THEN s.vector END"
            f" FROM {STAGED} s JOIN {Post._meta.db_table} p ON p.id = s.id"
            + _tagged()
            + " ORDER BY s.position",
            {"kind": Document.Kind.POST, "control": CONTROL_CLASS},
        )
        count = cursor.rowcount
        cursor.execute(f"DROP TABLE {STAGED}")
        return count


@contextmanager
def bulk_load() -> Iterator[None]:
    """Empty the index for a full reload, and build its GIN index in one pass.

    The articles' rows come staged (stage_posts); the GIN index, updated
    row by row, took most of a 100,000-article rebuild, and one CREATE INDEX
    at the end takes well under a minute. Runs inside the caller's
    transaction, so a failed rebuild leaves the old index whole; the table is
    locked from the TRUNCATE to the commit, and searches say so (ranked_page).
    """
    with connection.cursor() as cursor:
        # TRUNCATE and CREATE INDEX refuse to run while foreign-key checks
        # wait for the commit: check them now, then defer again.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute(f"TRUNCATE {TABLE}")
        cursor.execute(f"DROP INDEX IF EXISTS {VECTOR_INDEX}")
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        yield
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        # Held for the index build only; it halves the build of 100,000
        # articles' index (75 s with 256 MB, 43 s with 1 GB).
        cursor.execute("SET LOCAL maintenance_work_mem = '1GB'")
        cursor.execute(CREATE_VECTOR_INDEX)
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        # Fresh statistics, or the planner misjudges what a word matches.
        cursor.execute(f"ANALYZE {TABLE}")
