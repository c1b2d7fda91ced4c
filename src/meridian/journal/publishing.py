"""Putting articles and pages in front of readers.

Every way to publish (the Studio, the admin, the subscribers' staff page,
the demo) comes through here, so the rules for what readers may be shown
hold everywhere: a picture without alt text is refused with ValidationError.
"""

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from .images import check_alt_text
from .models import Page, Post


@transaction.atomic
def publish_post(post: Post, at: datetime | None = None) -> Post:
    """Publish a post now, or schedule it for a future moment.

    Raise ValidationError (by field) if a picture it shows has no alt text.
    """
    check_alt_text(post)
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


@transaction.atomic
def publish_page(page: Page) -> Page:
    """Show a page to readers; ValidationError if a picture lacks alt text."""
    check_alt_text(page)
    page.published = True
    page.save()
    return page


@transaction.atomic
def unpublish_page(page: Page) -> Page:
    page.published = False
    page.save()
    return page
