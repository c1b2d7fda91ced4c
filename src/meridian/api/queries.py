"""What the API may show: published content only, with what each answer needs.

Every queryset starts from what readers of the site may see (published, not in
the future; published pages; people with a published article), so a draft, a
scheduled article or an account without articles never reaches the API.
"""

import datetime

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from meridian.accounts.models import User
from meridian.journal.models import Category, Page, Post, Tag


def articles(
    *,
    category: str | None = None,
    tag: str | None = None,
    author: str | None = None,
    published_after: datetime.date | None = None,
    published_before: datetime.date | None = None,
) -> QuerySet[Post]:
    """Return published articles, newest first, filtered as asked."""
    posts = Post.objects.for_listing().prefetch_related("tags")
    if category:
        posts = posts.filter(category__slug=category)
    if tag:
        posts = posts.filter(tags__slug=tag)
    if author:
        posts = posts.filter(author__username=author)
    if published_after:
        posts = posts.filter(published_at__date__gte=published_after)
    if published_before:
        posts = posts.filter(published_at__date__lte=published_before)
    return posts


def article(slug: str) -> Post:
    """Return the published article at `slug`, or raise a 404."""
    post = (
        Post.objects.published()
        .select_related("author", "category", "featured_image")
        .prefetch_related("tags", "featured_image__renditions")
        .filter(slug=slug)
        .first()
    )
    if post is None:
        raise Http404("No published article has this slug.")
    return post


def pages() -> QuerySet[Page]:
    return Page.objects.published().defer("body").order_by("title", "id")


def page(slug: str) -> Page:
    found = Page.objects.published().filter(slug=slug).first()
    if found is None:
        raise Http404("No published page has this slug.")
    return found


def _visible_posts(prefix: str = "posts__") -> Q:
    return Q(
        **{
            f"{prefix}status": Post.Status.PUBLISHED,
            f"{prefix}published_at__lte": timezone.now(),
        }
    )


def categories() -> QuerySet[Category]:
    """Return every category with its number of published articles."""
    return Category.objects.annotate(
        article_count=Count("posts", filter=_visible_posts(), distinct=True)
    ).order_by("name", "id")


def tags() -> QuerySet[Tag]:
    """Return the tags of at least one published article, with their counts."""
    return (
        Tag.objects.annotate(
            article_count=Count("posts", filter=_visible_posts(), distinct=True)
        )
        .filter(article_count__gt=0)
        .order_by("name", "id")
    )


def authors() -> QuerySet[User]:
    """Return the people with a published article: public profile fields only."""
    return (
        User.objects.filter(pk__in=Post.objects.published().values("author_id"))
        .annotate(article_count=Count("posts", filter=_visible_posts(), distinct=True))
        .only(*User.PUBLIC_NAME_FIELDS, "credentials", "bio", "avatar")
        .order_by("username")
    )


def author(username: str) -> User:
    found = authors().filter(username=username).first()
    if found is None:
        raise Http404("No author with published articles has this username.")
    return found
