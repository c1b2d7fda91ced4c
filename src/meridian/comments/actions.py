"""Changes to existing comments: moderation, editing, deletion, reply emails.

Each keeps Post.comment_count equal to the number of approved comments and
forgets the cached pages that show the article's comments once the change
commits (its page, its comment feeds, the listings that show its count), so
readers see it at once.
"""

from collections.abc import Iterable

from django.db import transaction
from django.db.models import F
from django.db.models.functions import Greatest
from django.utils import timezone

from meridian.core.dependencies import changed
from meridian.core.models import SiteSettings
from meridian.journal import dependencies
from meridian.journal.models import Post

from . import notifications
from .models import Comment
from .moderation import Candidate, Verdict, moderate

Status = Comment.Status
# What a moderator may do, by the name the queue's form and the email links use.
VERDICTS = {"approve": Status.APPROVED, "spam": Status.SPAM, "remove": Status.REMOVED}


def shift_comment_count(post_id: int, delta: int) -> None:
    """Move an article's approved-comment count by `delta`, in the database."""
    if delta:
        Post.objects.filter(pk=post_id).update(
            comment_count=Greatest(F("comment_count") + delta, 0)
        )
    changed(dependencies.discussion(post_id))


def _count_delta(old: str, new: str) -> int:
    return (new == Status.APPROVED) - (old == Status.APPROVED)


def set_status(comment_id: int, status: str) -> Comment | None:
    """Give a comment a new moderation status; return it, or None if it is gone."""
    with transaction.atomic():
        comment = Comment.objects.select_for_update().filter(pk=comment_id).first()
        if comment is None or comment.status == status:
            return comment
        old = comment.status
        comment.status = status
        comment.status_changed_at = timezone.now()
        comment.save(update_fields=["status", "status_changed_at"])
        shift_comment_count(comment.post_id, _count_delta(old, status))
        pk = comment.pk
        if status == Status.APPROVED and comment.parent_id:
            notifications.later("reply", pk)
        if status == Status.APPROVED and old == Status.PENDING:
            # The article's author heard nothing while it waited (it may have
            # carried personal details); now that it is public, they do.
            notifications.later("published", pk)
    return comment


def decide_waiting(comment_id: int, status: str, since: str) -> Comment | None:
    """Give a comment still waiting since `since` its verdict, once.

    Return None when it is gone or was decided (or held again) since then: a
    moderation link acts only on the wait it was sent about.
    """
    with transaction.atomic():
        comment = Comment.objects.select_for_update().filter(pk=comment_id).first()
        if not is_still_waiting(comment, since):
            return None
        return set_status(comment_id, status)


def is_still_waiting(comment: Comment | None, since: str) -> bool:
    """Return whether the comment waits for a verdict, as it did at `since`."""
    return (
        comment is not None
        and comment.status == Status.PENDING
        and comment.wait_stamp == since
    )


def approve_comment(comment_id: int) -> Comment | None:
    return set_status(comment_id, Status.APPROVED)


def mark_spam(comment_id: int) -> Comment | None:
    return set_status(comment_id, Status.SPAM)


def remove_comment(comment_id: int) -> Comment | None:
    return set_status(comment_id, Status.REMOVED)


def moderate_comments(comment_ids: Iterable[int], status: str) -> int:
    """Give each comment the status, one at a time; return how many were asked."""
    count = 0
    for comment_id in comment_ids:
        set_status(comment_id, status)
        count += 1
    return count


def edit_comment(comment: Comment, body: str) -> str:
    """Save the writer's new text; hold it again if the policy now would.

    Returns the notice for the writer, if the edit was held.
    """
    decision = moderate(
        Candidate(body=body, user=comment.author, email=comment.email),
        SiteSettings.current(),
    )
    with transaction.atomic():
        # Lock the row and work on what is stored now: a moderator may have
        # marked the comment spam while the writer was typing.
        locked = Comment.objects.select_for_update().get(pk=comment.pk)
        old = locked.status
        locked.body = body
        locked.edited_at = timezone.now()
        fields = ["body", "body_html", "edited_at"]
        if decision.verdict != Verdict.ALLOW and old == Status.APPROVED:
            locked.status = Status.PENDING
            locked.held_reason = "; ".join(decision.reasons)[:300]
            locked.status_changed_at = locked.edited_at
            fields += ["status", "held_reason", "status_changed_at"]
        locked.save(update_fields=fields)
        shift_comment_count(locked.post_id, _count_delta(old, locked.status))
    comment.refresh_from_db()
    return decision.notice


def delete_comment(comment: Comment) -> None:
    """Delete the writer's comment; with replies, leave "comment removed" in place."""
    with transaction.atomic():
        comment = Comment.objects.select_for_update().get(pk=comment.pk)
        if comment.replies.exclude(status=Status.SPAM).exists():
            old = comment.status
            comment.body = ""
            comment.status = Status.REMOVED
            comment.status_changed_at = timezone.now()
            comment.notify_on_reply = False
            comment.save(
                update_fields=[
                    "body",
                    "body_html",
                    "status",
                    "status_changed_at",
                    "notify_on_reply",
                ]
            )
            shift_comment_count(comment.post_id, _count_delta(old, Status.REMOVED))
        else:
            # signals.comment_deleted keeps the count.
            comment.delete()


def stop_reply_emails(comment_id: int) -> None:
    """Send no more emails about replies to this comment (the unsubscribe link)."""
    # Nothing readers see changes, so no cached page is forgotten.
    Comment.objects.filter(pk=comment_id).update(notify_on_reply=False)
