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


class Rendition(Schema):
    url: str
    width: int
    height: int
    format: str

    @staticmethod
    def resolve_url(obj) -> str:
        return file_url(obj.file.url)


class Picture(Schema):
    url: str
    alt: str
    caption: str
    credit: str
    width: int
    height: int
    renditions: list[Rendition]

    @staticmethod
    def resolve_url(obj) -> str:
        return file_url(obj.file.url)

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


class Category(Schema):
    id: int
    name: str
    slug: str
    description: str
    url: str
    article_count: int

    @staticmethod
    def resolve_url(obj) -> str:
        return absolute_url(obj.get_absolute_url())


class Tag(Schema):
    id: int
    name: str
    slug: str
    url: str

    @staticmethod
    def resolve_url(obj) -> str:
        return absolute_url(obj.get_absolute_url())


class TagWithCount(Tag):
    article_count: int


class CategoryRef(Schema):
    name: str
    slug: str
    url: str

    @staticmethod
    def resolve_url(obj) -> str:
        return absolute_url(obj.get_absolute_url())


class ArticleSummary(Schema):
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
    def resolve_url(obj) -> str:
        return absolute_url(obj.get_absolute_url())

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


class PageSummary(Schema):
    id: int
    slug: str
    title: str
    url: str
    updated_at: datetime.datetime

    @staticmethod
    def resolve_url(obj) -> str:
        return absolute_url(obj.get_absolute_url())


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
