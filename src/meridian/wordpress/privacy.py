"""Commenters' web addresses kept from WordPress are part of their data."""

from django.db.models import Q

from meridian.core.privacy import register_eraser, register_exporter

from .models import ImportedComment


def _persons_urls(user):
    mine = Q(comment__author=user)
    if user.email:
        mine |= Q(comment__author__isnull=True, comment__guest_email__iexact=user.email)
    return ImportedComment.objects.filter(mine).exclude(author_url="")


def export_comment_urls(user) -> list[dict]:
    """Return the web addresses given with the person's imported comments."""
    return [
        {"comment": row.comment_id, "web_address": row.author_url}
        for row in _persons_urls(user).order_by("comment_id")
    ]


def erase_comment_urls(user) -> None:
    """Forget those addresses whether comments are erased or anonymised."""
    _persons_urls(user).update(author_url="")


def register() -> None:
    # Erasers run in name order, and "comment_urls" runs before "comments",
    # which unlinks the comments from the person this one looks them up by.
    register_exporter("comment_urls", export_comment_urls)
    register_eraser("comment_urls", erase_comment_urls)
