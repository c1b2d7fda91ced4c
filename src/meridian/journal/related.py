"""Neighbours of an article: previous, next and related reading."""

from django.db.models import Count, Q
from django.utils.functional import cached_property

from .models import Post, Tag

RELATED_COUNT = 3


def previous_post(post: Post) -> Post | None:
    """Return the article published just before this one."""
    return (
        Post.objects.published()
        .filter(
            Q(published_at__lt=post.published_at)
            | Q(published_at=post.published_at, id__lt=post.id)
        )
        .only("title", "slug", "published_at")
        .order_by("-published_at", "-id")
        .first()
    )


def next_post(post: Post) -> Post | None:
    """Return the article published just after this one."""
    return (
        Post.objects.published()
        .filter(
            Q(published_at__gt=post.published_at)
            | Q(published_at=post.published_at, id__gt=post.id)
        )
        .only("title", "slug", "published_at")
        .order_by("published_at", "id")
        .first()
    )


def related_posts(post: Post, tags: list[Tag]) -> list[Post]:
    """Return published articles sharing the most tags or the category with this."""
    shared = Q(tags__in=tags)
    if post.category_id:
        shared |= Q(category_id=post.category_id)
    return list(
        Post.objects.published()
        .filter(shared)
        .exclude(pk=post.pk)
        .annotate(shared_tags=Count("tags", filter=Q(tags__in=tags), distinct=True))
        .only("title", "slug", "published_at")
        .order_by("-shared_tags", "-published_at")[:RELATED_COUNT]
    )


class Neighbours:
    """An article's tags and neighbours, each queried only when a page shows it.

    The article page keeps them in a rendered fragment, so most requests ask
    for none of them.
    """

    def __init__(self, post: Post):
        self.post = post

    @cached_property
    def tags(self) -> list[Tag]:
        return list(self.post.tags.all())

    @cached_property
    def previous(self) -> Post | None:
        # An undated draft, previewed by an editor, has no place in the order.
        return previous_post(self.post) if self.post.published_at else None

    @cached_property
    def next(self) -> Post | None:
        return next_post(self.post) if self.post.published_at else None

    @cached_property
    def related(self) -> list[Post]:
        return related_posts(self.post, self.tags)
