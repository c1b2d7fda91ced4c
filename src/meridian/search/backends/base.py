"""What both backends share: the shape of a hit and the filters as SQL."""

from datetime import datetime
from typing import NamedTuple

from django.contrib.auth import get_user_model

from meridian.journal.models import Category, Post, Tag

from ..filters import Filters
from ..models import Document

# Snippets come back from the database with these around each match; they
# cannot occur in indexed text (indexing strips control characters), so the
# text can be escaped whole and only these turned into <mark>.
MARK_START = "\x02"
MARK_END = "\x03"

TABLE = Document._meta.db_table
# Never in indexed text (indexing turns them into spaces): two of them mark
# matches, and PostgreSQL refuses NUL outright.
CONTROL_CHARACTERS = "".join(map(chr, [*range(0, 9), 11, 12, *range(14, 32), 127]))
# A tsvector holds at most 1 MB; no article is near this, a paste might be.
MAX_BODY_CHARS = 200_000


class IndexBusy(Exception):
    """The index is being rebuilt (`meridian search-rebuild`) and locked meanwhile."""


class Hit(NamedTuple):
    id: int
    title: str
    snippet: str


def where_clause(filters: Filters, now: datetime) -> tuple[str, list]:
    """Return SQL conditions on the document table `d`, and their parameters."""
    conditions = ["(d.published_at IS NULL OR d.published_at <= %s)"]
    params: list = [now]
    if filters.category:
        conditions.append(
            f"d.category_id IN (SELECT id FROM {Category._meta.db_table}"
            " WHERE slug = %s)"
        )
        params.append(filters.category)
    if filters.author:
        user_table = get_user_model()._meta.db_table
        conditions.append(
            f"d.author_id IN (SELECT id FROM {user_table} WHERE username = %s)"
        )
        params.append(filters.author)
    if filters.tag:
        through = Post.tags.through._meta.db_table
        conditions.append(
            f"d.post_id IN (SELECT pt.post_id FROM {through} pt"
            f" JOIN {Tag._meta.db_table} t ON t.id = pt.tag_id WHERE t.slug = %s)"
        )
        params.append(filters.tag)
    bounds = filters.year_bounds()
    if bounds:
        conditions.append("d.published_at >= %s AND d.published_at < %s")
        params.extend(bounds)
    return " AND ".join(conditions), params
