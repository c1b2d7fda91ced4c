"""The read-only content API at /api/v1/: articles, pages, categories, tags, authors.

Each operation checks its query string, asks `queries` for published content
and hands one page of it to the schemas; ninja makes the OpenAPI description
(/api/v1/openapi.json) from the same types. Conditional GET (ETag, 304) comes
from the site's middleware (core/conditional.py), as for every page, and CORS
from django-cors-headers, for the origins in MERIDIAN_API_ORIGINS only.
"""

import datetime

from django.http import HttpRequest
from ninja import NinjaAPI, Query, Schema
from pydantic import Field

from . import errors, queries, schemas
from .pagination import DEFAULT_PAGE_SIZE, MAX_PAGE, MAX_PAGE_SIZE, Page, paginate
from .parameters import ARTICLE_FILTERS, PAGINATION, refuse_unknown
from .throttling import PerAddressThrottle

api = NinjaAPI(
    title="Meridian content API",
    version="1",
    description=(
        "Published articles, pages, categories, tags and authors' public "
        "profiles, read-only. No personal data. Unknown query parameters are "
        'refused with 400; every refusal is JSON: {"detail": "..."}.'
    ),
    urls_namespace="api",
    docs_url=None,  # Swagger UI needs inline script, which the site's CSP forbids.
    throttle=[PerAddressThrottle()],
)
errors.install(api)

REFUSALS = {400: schemas.Error, 404: schemas.Error, 429: schemas.Error}


def read(path: str, **options):
    """Declare a read-only operation: GET, and HEAD as HTTP requires of it.

    HEAD is left out of the OpenAPI description, where it would repeat each
    operation under the same operationId.
    """

    def declare(view):
        api.get(path, **options)(view)
        api.api_operation(["HEAD"], path, include_in_schema=False, **options)(view)
        return view

    return declare


class Paging(Schema):
    page: int = Field(1, ge=1, le=MAX_PAGE)
    page_size: int = Field(DEFAULT_PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE)


class ArticleFilters(Paging):
    category: str | None = Field(None, max_length=100, description="category slug")
    tag: str | None = Field(None, max_length=100, description="tag slug")
    author: str | None = Field(None, max_length=150, description="author's username")
    published_after: datetime.date | None = Field(
        None, description="on or after this day (YYYY-MM-DD)"
    )
    published_before: datetime.date | None = Field(
        None, description="on or before this day (YYYY-MM-DD)"
    )


def _page_of(request: HttpRequest, queryset, paging: Paging) -> Page:
    return paginate(request, queryset, paging.page, paging.page_size)


@read("/articles", response={200: schemas.ArticlePage, **REFUSALS}, tags=["articles"])
def list_articles(request: HttpRequest, query: Query[ArticleFilters]):
    """Published articles, newest first, with optional filters."""
    refuse_unknown(request, PAGINATION | ARTICLE_FILTERS)
    articles = queries.articles(
        category=query.category,
        tag=query.tag,
        author=query.author,
        published_after=query.published_after,
        published_before=query.published_before,
    )
    return _page_of(request, articles, query)


@read(
    "/articles/{slug}", response={200: schemas.Article, **REFUSALS}, tags=["articles"]
)
def get_article(request: HttpRequest, slug: str):
    """One published article, with its sanitized HTML body and sources."""
    refuse_unknown(request, frozenset())
    return queries.article(slug)


@read("/pages", response={200: schemas.PagePage, **REFUSALS}, tags=["pages"])
def list_pages(request: HttpRequest, query: Query[Paging]):
    """Published pages (About, Contact...), by title."""
    refuse_unknown(request, PAGINATION)
    return _page_of(request, queries.pages(), query)


@read("/pages/{slug}", response={200: schemas.PageDetail, **REFUSALS}, tags=["pages"])
def get_page(request: HttpRequest, slug: str):
    """One published page, with its sanitized HTML body."""
    refuse_unknown(request, frozenset())
    return queries.page(slug)


@read(
    "/categories", response={200: schemas.CategoryPage, **REFUSALS}, tags=["categories"]
)
def list_categories(request: HttpRequest, query: Query[Paging]):
    """Every category, by name, with its number of published articles."""
    refuse_unknown(request, PAGINATION)
    return _page_of(request, queries.categories(), query)


@read("/tags", response={200: schemas.TagPage, **REFUSALS}, tags=["tags"])
def list_tags(request: HttpRequest, query: Query[Paging]):
    """The tags of published articles, by name, with their counts."""
    refuse_unknown(request, PAGINATION)
    return _page_of(request, queries.tags(), query)


@read("/authors", response={200: schemas.AuthorPage, **REFUSALS}, tags=["authors"])
def list_authors(request: HttpRequest, query: Query[Paging]):
    """The public profiles of people with published articles."""
    refuse_unknown(request, PAGINATION)
    return _page_of(request, queries.authors(), query)


@read(
    "/authors/{username}",
    response={200: schemas.Author, **REFUSALS},
    tags=["authors"],
)
def get_author(request: HttpRequest, username: str):
    """One author's public profile."""
    refuse_unknown(request, frozenset())
    return queries.author(username)
