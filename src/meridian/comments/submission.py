"""Taking a new comment: check it (`check_comment`), then store it (`store_comment`).

The check step decides everything that can be decided without writing; the
store step writes in one short transaction and leaves emails and cache purges
to run after the commit, so an accepted comment is committed before the
response that says so.
"""

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from meridian.core.models import SiteSettings

from . import notifications, throttling
from .access import Access, access_for
from .actions import shift_comment_count
from .models import Comment, hash_ip
from .moderation import Candidate, Decision, Verdict, moderate

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

logger = logging.getLogger(__name__)


class CommentRefused(Exception):
    """The comment cannot be taken; `message` tells the writer why."""

    def __init__(self, message: "StrOrPromise", status: int = 400):
        super().__init__(message)
        self.message = message
        self.status = status


@dataclass(frozen=True)
class Outcome:
    comment: Comment
    decision: Decision
    created: bool


USED_FORM = _(
    "This form has already been used. Please reload the page and send your "
    "comment again; your text is kept below."
)
REFUSALS = {
    Access.CLOSED: (_("Comments are closed on this article."), 403),
    Access.SIGN_IN: (_("Please sign in to comment."), 403),
    Access.CONFIRM_EMAIL: (
        _("Please confirm your email address before you comment."),
        403,
    ),
}


def check_parent(post, parent_id: int | None, site: SiteSettings) -> Comment | None:
    """Return the comment being replied to, if it may take a reply."""
    if not parent_id:
        return None
    parent = (
        Comment.objects.approved().filter(pk=parent_id, post=post).first()
        if 0 < parent_id < 2**63
        else None
    )
    if parent is None:
        raise CommentRefused(
            _("The comment you are replying to is not available on this article.")
        )
    if parent.depth + 1 >= max(site.comment_depth, 1):
        raise CommentRefused(
            _("This conversation cannot go any deeper. Please reply higher up.")
        )
    return parent


TOO_FAST = _(
    "You are commenting faster than this site allows. Please wait "
    "a few minutes and send it again; your text is kept below."
)


def check_rate(user, person: str, *, ip: str, site: SiteSettings) -> None:
    """Count one new comment, edit or deletion; raise CommentRefused over the limit.

    Edits and deletions share the limits of new comments: each one re-renders
    the article's cached pages for every reader, as a new comment does.
    """
    staff = user is not None and user.is_authenticated and user.is_staff
    if not staff and not throttling.allow_comment(
        site.comment_rate_limit, person=person.lower(), ip=ip
    ):
        raise CommentRefused(str(TOO_FAST), 429)


def check_comment(post, data: dict, *, user, ip: str, site: SiteSettings) -> Decision:
    """Return the moderation decision, or raise CommentRefused."""
    access = access_for(post, user, site)
    if not access.may_comment:
        message, status = REFUSALS[access]
        raise CommentRefused(str(message), status)
    check_parent(post, data.get("parent"), site)
    person = f"user:{user.pk}" if access == Access.MEMBER else f"guest:{data['email']}"
    check_rate(user, person, ip=ip, site=site)
    decision = moderate(
        Candidate(
            body=data["body"],
            user=user if access == Access.MEMBER else None,
            name=data.get("name", ""),
            email=data.get("email", "") if access == Access.GUEST else user.email,
            ip=ip,
        ),
        site,
    )
    if decision.verdict == Verdict.REJECT:
        raise CommentRefused(str(_("Your comment could not be accepted.")), 400)
    return decision


def store_comment(post, data: dict, *, user, ip: str, decision: Decision) -> Outcome:
    """Write the comment; notify and purge cached pages after the commit."""
    member = user is not None and user.is_authenticated
    comment = Comment(
        post=post,
        parent_id=data.get("parent") or None,
        author=user if member else None,
        guest_name="" if member else data["name"],
        guest_email="" if member else data["email"],
        body=data["body"],
        status=decision.status,
        held_reason="; ".join(decision.reasons)[:300],
        ip_hash=hash_ip(ip),
        notify_on_reply=data.get("notify_on_reply", False),
        token=data["token"],
    )
    try:
        with transaction.atomic():
            comment.save()
            pk = comment.pk
            if comment.is_public:
                shift_comment_count(post.pk, +1)
            transaction.on_commit(lambda: notifications.new_comment(pk), robust=True)
            if comment.parent_id and comment.is_public:
                transaction.on_commit(lambda: notifications.reply(pk), robust=True)
    except IntegrityError:
        # The same form arrived twice at once (a double click, a retried POST).
        existing = find_duplicate(post, data["token"], user)
        if existing is None:
            raise CommentRefused(str(USED_FORM)) from None
        return Outcome(existing, decision, created=False)
    return Outcome(comment, decision, created=True)


def find_duplicate(post, token: str, user) -> Comment | None:
    """Return the comment this form already created, when it is sent again.

    Raise CommentRefused when the token belongs to someone else's comment.
    """
    comment = Comment.objects.filter(token=token).first()
    if comment is None:
        return None
    if comment.post_id != post.pk or (
        comment.author_id and not comment.is_written_by(user)
    ):
        raise CommentRefused(str(USED_FORM))
    return comment


def submit_comment(post, data: dict, *, user, ip: str) -> Outcome:
    """Check and store a comment from the form's cleaned data."""
    duplicate = find_duplicate(post, data["token"], user)
    if duplicate is not None:
        return Outcome(duplicate, Decision(Verdict.ALLOW), created=False)
    site = SiteSettings.current()
    decision = check_comment(post, data, user=user, ip=ip, site=site)
    return store_comment(post, data, user=user, ip=ip, decision=decision)
