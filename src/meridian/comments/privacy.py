"""What comments contributes to the privacy registry (meridian.core.privacy)."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from meridian.core import privacy
from meridian.core.caching import invalidate_pages
from meridian.core.models import SiteSettings

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
            "in_reply_to": comment.parent_id,
            "text": comment.body,
            "status": comment.status,
            "posted": comment.created_at.isoformat(),
            "edited": comment.edited_at.isoformat() if comment.edited_at else None,
            "email_on_replies": comment.notify_on_reply,
        }
        for comment in _persons_comments(user).order_by("created_at", "id")
    ]


def _erases() -> bool:
    """Return whether the site erases a leaving person's comments (else anonymises)."""
    return SiteSettings.current().comment_erasure == SiteSettings.CommentErasure.ERASE


def erase_comments(user) -> None:
    """Erase the person's comments, or keep their text with no name attached."""
    comments = _persons_comments(user)
    if _erases():
        # Newest first, so replies go before the comments they answer.
        for comment in comments.order_by("-created_at", "-id"):
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
    invalidate_pages()


def on_deletion() -> str:
    if _erases():
        return str(_("Every comment you have written on this site is deleted."))
    return str(
        _(
            "Your comments stay on the site so that conversations still make "
            "sense, but your name is removed from them: they are shown as from a "
            "former reader."
        )
    )


def register() -> None:
    privacy.register_exporter("comments", export_comments)
    privacy.register_eraser("comments", erase_comments)
    privacy.describe(
        "comments", _("Every comment you have written here"), on_deletion, order=20
    )
