"""Page-number pagination with links, and a clear 404 past the last page.

Page size is bounded by the parameter's type (1 to MAX_PAGE_SIZE, else a 400),
so a query never asks the database for more than one page of rows.
"""

from dataclasses import dataclass
from typing import Any

from django.core.paginator import EmptyPage, Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest

from meridian.core.urlbuilding import absolute_url

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
# Far past any real journal, and small enough for every database's integers.
MAX_PAGE = 100_000


@dataclass
class Page:
    count: int
    page: int
    pages: int
    next: str | None
    previous: str | None
    items: list[Any]


def _link(request: HttpRequest, page: int) -> str:
    query = request.GET.copy()
    query["page"] = str(page)
    return absolute_url(f"{request.path}?{query.urlencode()}")


def paginate(request: HttpRequest, queryset: QuerySet, page: int, size: int) -> Page:
    """Return one page of `queryset`, or raise a 404 that says how many there are."""
    paginator = Paginator(queryset, size, allow_empty_first_page=True)
    try:
        current = paginator.page(page)
    except EmptyPage:
        raise Http404(
            f"Page {page} does not exist: there are {paginator.num_pages}."
        ) from None
    return Page(
        count=paginator.count,
        page=page,
        pages=paginator.num_pages,
        next=_link(request, page + 1) if current.has_next() else None,
        previous=_link(request, page - 1) if current.has_previous() else None,
        items=list(current.object_list),
    )
