"""What each answer holds: public fields only, named for readers of the API.

These classes are the API's contract: the OpenAPI description is made from
them, and nothing outside them is ever serialized (no email address, no
account field, no draft, no comment). Addresses are absolute, from
MERIDIAN_SITE_URL.
"""

import datetime

from django.urls import reverse
from ninja import Schema

from meridian.core.urlbuilding import absolute_url, file_url


def _author_url(username: str) -> str:
    return absolute_url(reverse("journal:author", args=[username]))


class _OnSite(Schema):
    """Gives `url` the object's page on the site (its get_absolute_url)."""

    # Only the resolver is shared, not the field: each schema declares `url`
    # where it belongs in its answer, so the order of the fields is unchanged.
    @staticmethod
    def resolve_url(obj) -> str:
        return absolute_url(obj.get_absolute_url())


class _StoredFile(Schema):
    """Gives `url` the address of the object's stored file."""

    @staticmethod
    def resolve_url(obj) -> str:
        return file_url(obj.file.url)


class Rendition(_StoredFile):
    url: str
    width: int
    height: int
    format: str


class Picture(_StoredFile):
    url: str
    alt: str
    caption: str
    credit: str
    width: int
    height: int
    renditions: list[Rendition]

    @staticmethod
    def resolve_renditions(obj) -> list:
        return list(obj.renditions.all())


class Byline(Schema):
    username: str
    name: str
    credentials: str
    url: str

    @staticmethod
    def resolve_name(obj) -> str:
        return obj.public_name

    @staticmethod
    def resolve_url(obj) -> str:
        return _author_url(obj.username)


class Author(Byline):
    bio: str
    avatar: str | None
    article_count: int

    @staticmethod
    def resolve_avatar(obj) -> str | None:
        return file_url(obj.avatar.url) if obj.avatar else None


class Category(_OnSite):
    id: int
    name: str
    slug: str
    description: str
    url: str
    article_count: int


class Tag(_OnSite):
    id: int
    name: str
    slug: str
    url: str


class TagWithCount(Tag):
    article_count: int


class CategoryRef(_OnSite):
    name: str
    slug: str
    url: str


class ArticleSummary(_OnSite):
    id: int
    slug: str
    title: str
    url: str
    summary: str
    published_at: datetime.datetime
    updated_at: datetime.datetime
    author: Byline
    category: CategoryRef | None
    tags: list[Tag]
    featured_image: Picture | None
    reading_minutes: int
    comment_count: int

    @staticmethod
    def resolve_summary(obj) -> str:
        return obj.excerpt

    @staticmethod
    def resolve_tags(obj) -> list:
        return list(obj.tags.all())


class Source(Schema):
    title: str
    url: str
    publisher: str
    year: str


class Article(ArticleSummary):
    body_html: str
    word_count: int
    reviewed_by: str
    last_reviewed: datetime.date | None
    sources: list[Source]

    @staticmethod
    def resolve_sources(obj) -> list:
        return [source._asdict() for source in obj.source_list()]


class PageSummary(_OnSite):
    id: int
    slug: str
    title: str
    url: str
    updated_at: datetime.datetime


class PageDetail(PageSummary):
    body_html: str


class Error(Schema):
    detail: str


class _Paged(Schema):
    count: int
    page: int
    pages: int
    next: str | None
    previous: str | None


class ArticlePage(_Paged):
    items: list[ArticleSummary]


class PagePage(_Paged):
    items: list[PageSummary]


class CategoryPage(_Paged):
    items: list[Category]


class TagPage(_Paged):
    items: list[TagWithCount]


class AuthorPage(_Paged):
    items: list[Author]
