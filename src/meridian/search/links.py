"""The query strings the results page's own links carry, and which may be cached.

Links are written in one canonical form (q, the filters in a fixed order,
then page). A signed-out reader's request is served from the page cache only
when it is exactly such a link and goes beyond what the search box sends
(a later page or a filter): text typed into the box is always answered
fresh, and no odd spelling of a query string can fill the cache.
"""

from urllib.parse import urlencode

from django.http import HttpRequest, QueryDict
from django.urls import reverse

from .filters import Filters
from .query import MAX_PAGE
from .syntax import normalize

# Longer text is searched, but its pages are not worth keeping.
MAX_CACHED_TEXT = 100


def query_string(text: str, filters: Filters, page: int = 1) -> str:
    """Return the canonical query string for a search, its filters and page."""
    pairs = [("q", normalize(text)), *filters.items()]
    if page > 1:
        pairs.append(("page", str(page)))
    return urlencode(pairs)


def page_number(params: QueryDict) -> int:
    """Return the page asked for: 1 unless a sensible number is given."""
    value = params.get("page", "")
    return int(value) if value.isdigit() and 1 <= int(value) <= MAX_PAGE else 1


def is_cacheable_link(request: HttpRequest) -> bool | None:
    """Say whether a signed-out request for the results page may use the cache.

    None for other pages, which the page cache's own rule decides.
    """
    if request.path != reverse("search:results"):
        return None
    params = request.GET
    text = params.get("q", "")
    filters = Filters.from_query(params)
    page = page_number(params)
    return (
        bool(text)
        and len(text) <= MAX_CACHED_TEXT
        and (page > 1 or bool(filters))
        and request.META.get("QUERY_STRING", "") == query_string(text, filters, page)
    )
