"""What comments contributes to the privacy registry (meridian.core.privacy),
and to the retention of personal data (meridian.core.retention)."""

from datetime import datetime, timedelta

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from meridian.core import privacy
from meridian.core.dependencies import changed
from meridian.core.models import SiteSettings
from meridian.core.retention import register_pruner
from meridian.journal import dependencies

from . import actions
from .models import Comment


def _persons_comments(user):
    mine = Q(author=user)
    if user.email:
        mine |= Q(author__isnull=True, guest_email__iexact=user.email)
    return Comment.objects.filter(mine).select_related("post")


def export_comments(user) -> list[dict]:
    """Return every comment the person wrote, signed in or as a guest."""
    return [
        {
            "article": comment.post.title,
            "url": comment.get_absolute_url(),
            # The name shown with it, and the email a guest comment was left under.
            "name": comment.name,
            "guest_email": comment.guest_email or None,
            "in_reply_to": comment.parent_id,
            "text": comment.body,
            "status": comment.status,
            "posted": comment.created_at.isoformat(),
            "edited": comment.edited_at.isoformat() if comment.edited_at else None,
            "email_on_replies": comment.notify_on_reply,
            # Kept for Site settings' retention period, then dropped.
            "address_fingerprint": comment.ip_hash or None,
        }
        for comment in _persons_comments(user).order_by("created_at", "id")
    ]


def _erases() -> bool:
    """Return whether the site erases a leaving person's comments (else anonymises)."""
    return SiteSettings.current().comment_erasure == SiteSettings.CommentErasure.ERASE


def erase_comments(user) -> None:
    """Erase the person's comments, or keep their text with no name attached."""
    comments = _persons_comments(user)
    articles = set(comments.values_list("post_id", flat=True))
    # Whatever the policy, comments nobody has read yet (waiting for a
    # moderator, or spam) go: they may carry a phone number or a health
    # detail, and must not stay in the queue once the account is gone.
    unpublished = (
        comments if _erases() else comments.exclude(status=Comment.Status.APPROVED)
    )
    # Newest first, so replies go before the comments they answer.
    for comment in unpublished.order_by("-created_at", "-id"):
        actions.delete_comment(comment)
    # What stays (all of it when anonymising, "comment removed" placeholders
    # when erasing) keeps nothing that points to the person.
    _persons_comments(user).update(
        author=None,
        guest_name="",
        guest_email="",
        ip_hash="",
        notify_on_reply=False,
    )
    changed(*(dependencies.discussion(pk) for pk in articles))


def on_deletion() -> str:
    if _erases():
        return str(
            _(
                "Every comment you have written on this site is deleted; where "
                "others replied, “Comment removed” keeps the conversation’s shape."
            )
        )
    return str(
        _(
            "Your published comments stay on the site so that conversations still "
            "make sense, without your name or email: they are shown as from “A "
            "former reader”. Comments of yours that no moderator has published "
            "yet are deleted."
        )
    )


def drop_old_fingerprints(site, now: datetime) -> int:
    """Forget the address fingerprints of comments older than the site keeps."""
    cutoff = now - timedelta(days=site.fingerprint_retention_days)
    return (
        Comment.objects.filter(created_at__lt=cutoff)
        .exclude(ip_hash="")
        .update(ip_hash="")
    )


def register() -> None:
    privacy.register_exporter("comments", export_comments)
    privacy.register_eraser("comments", erase_comments)
    privacy.describe(
        "comments",
        _(
            "Every comment you have written here (as a guest too, under your email "
            "address) with the fingerprint of the network address it came from, "
            "while that is kept"
        ),
        on_deletion,
        order=20,
    )
    register_pruner("address_fingerprints", drop_old_fingerprints)
