"""Putting articles in front of readers."""

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from .models import Post


@transaction.atomic
def publish_post(post: Post, at: datetime | None = None) -> Post:
    """Publish a post now, or schedule it for a future moment."""
    post.status = Post.Status.PUBLISHED
    post.published_at = at or post.published_at or timezone.now()
    post.save()
    return post


@transaction.atomic
def unpublish_post(post: Post) -> Post:
    """Return a post to draft; readers no longer see it."""
    post.status = Post.Status.DRAFT
    post.save()
    return post
