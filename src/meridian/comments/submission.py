"""Taking a new comment: check it (`check_comment`), then store it (`store_comment`).

`submit_form` is the whole of it for the comment form: the reader's access,
the form itself (fields, age, bot signs), then the comment.

The check step decides everything that can be decided without writing; the
store step writes in one short transaction and leaves emails and cache purges
to run after the commit, so an accepted comment is committed before the
response that says so.
"""

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.contrib.auth.models import AnonymousUser
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from meridian.accounts.models import User
from meridian.core.models import SiteSettings
from meridian.journal.models import Post

from . import notifications, throttling
from .access import Access
from .actions import shift_comment_count
from .models import Comment, hash_ip
from .moderation import Candidate, Decision, Verdict, moderate

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

    from .forms import CommentForm

logger = logging.getLogger(__name__)

# The person sending: `request.user` (None where no request is behind it).
Sender = User | AnonymousUser | None
# The comment form's cleaned data (forms.CommentForm): `body` and `token`
# always; `name` and `email` from guests; `parent` and `notify_on_reply`
# when given.
CommentData = Mapping[str, Any]


class CommentRefused(Exception):
    """The comment cannot be taken; `message` tells the writer why.

    `by_access` marks a reader who may not comment here at all (the page shows
    the reason in place of the form); an empty message leaves the form's own
    errors to speak.
    """

    def __init__(
        self,
        message: "StrOrPromise" = "",
        status: int = 400,
        *,
        by_access: bool = False,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.status = status
        self.by_access = by_access


@dataclass(frozen=True)
class Outcome:
    # None when the form looked like a bot's: nothing is stored, and the
    # answer is the one a held comment gets, so the bot learns nothing.
    comment: Comment | None
    decision: Decision
    created: bool


USED_FORM = _(
    "This form has already been used. Please reload the page and send your "
    "comment again; your text is kept below."
)
STALE_FORM = _(
    "This page was open for a long time. Your comment is below: please send it again."
)
REFUSALS = {
    Access.CLOSED: (_("Comments are closed on this article."), 403),
    Access.SIGN_IN: (_("Please sign in to comment."), 403),
    Access.CONFIRM_EMAIL: (
        _("Please confirm your email address before you comment."),
        403,
    ),
}


def check_access(access: Access) -> None:
    """Raise CommentRefused unless the reader may comment here."""
    if not access.may_comment:
        message, status = REFUSALS[access]
        raise CommentRefused(str(message), status, by_access=True)


def check_reply_depth(parent: Comment, site: SiteSettings) -> None:
    """Raise CommentRefused when a reply to `parent` would go too deep."""
    if parent.depth + 1 >= max(site.comment_depth, 1):
        raise CommentRefused(
            _("This conversation cannot go any deeper. Please reply higher up.")
        )


def check_parent(
    post: Post, parent_id: int | None, site: SiteSettings
) -> Comment | None:
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
    check_reply_depth(parent, site)
    return parent


TOO_FAST = _(
    "You are commenting faster than this site allows. Please wait "
    "a few minutes and send it again; your text is kept below."
)


def check_rate(user: Sender, person: str, *, ip: str, site: SiteSettings) -> None:
    """Count one new comment, edit or deletion; raise CommentRefused over the limit.

    Edits and deletions share the limits of new comments: each one re-renders
    the article's cached pages for every reader, as a new comment does.
    """
    staff = user is not None and user.is_authenticated and user.is_staff
    if not staff and not throttling.allow_comment(
        site.comment_rate_limit, person=person.lower(), ip=ip
    ):
        raise CommentRefused(str(TOO_FAST), 429)


def check_comment(
    post: Post,
    data: CommentData,
    *,
    user: Sender,
    access: Access,
    ip: str,
    site: SiteSettings,
) -> tuple[Decision, Comment | None]:
    """Return the moderation decision and the parent, or raise CommentRefused."""
    check_access(access)
    parent = check_parent(post, data.get("parent"), site)
    # Access.MEMBER is given only to a signed-in person (access.access_for).
    member = user if access == Access.MEMBER and isinstance(user, User) else None
    person = f"user:{member.pk}" if member else f"guest:{data['email']}"
    check_rate(user, person, ip=ip, site=site)
    decision = moderate(
        Candidate(
            body=data["body"],
            user=member,
            name=data.get("name", ""),
            email=member.email if member else data.get("email", ""),
            ip=ip,
        ),
        site,
    )
    if decision.verdict == Verdict.REJECT:
        raise CommentRefused(str(_("Your comment could not be accepted.")), 400)
    return decision, parent


def store_comment(
    post: Post,
    data: CommentData,
    *,
    user: Sender,
    ip: str,
    decision: Decision,
    parent: Comment | None,
) -> Outcome:
    """Write the comment; notify and purge cached pages after the commit."""
    member = user if isinstance(user, User) else None
    comment = Comment(
        post=post,
        parent=parent,
        author=member,
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
            notifications.later("new_comment", pk)
            if comment.parent_id and comment.is_public:
                notifications.later("reply", pk)
    except IntegrityError:
        # The same form arrived twice at once (a double click, a retried POST).
        existing = find_duplicate(post, data["token"], user)
        if existing is None:
            raise CommentRefused(str(USED_FORM)) from None
        return Outcome(existing, decision, created=False)
    return Outcome(comment, decision, created=True)


def find_duplicate(post: Post, token: str, user: Sender) -> Comment | None:
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


def submit_comment(
    post: Post,
    data: CommentData,
    *,
    user: Sender,
    access: Access,
    ip: str,
    site: SiteSettings,
) -> Outcome:
    """Check and store a comment from the form's cleaned data."""
    duplicate = find_duplicate(post, data["token"], user)
    if duplicate is not None:
        return Outcome(duplicate, Decision(Verdict.ALLOW), created=False)
    decision, parent = check_comment(
        post, data, user=user, access=access, ip=ip, site=site
    )
    return store_comment(post, data, user=user, ip=ip, decision=decision, parent=parent)


def submit_form(
    post: Post,
    form: "CommentForm",
    *,
    user: User | AnonymousUser,
    access: Access,
    ip: str,
    site: SiteSettings,
) -> Outcome:
    """Check the reader's access, the form and the comment; store the comment.

    Raise CommentRefused when it cannot be taken; the form keeps what was typed.
    """
    check_access(access)
    if not form.is_valid():
        raise CommentRefused(status=400)
    if form.is_stale():
        form.restart()
        raise CommentRefused(STALE_FORM, 400)
    # Signed-in readers (staff sending the ready private reply, a reader with a
    # short answer) are accountable and rate limited: the fill time is for
    # guests, whose text a too-fast answer would otherwise silently drop.
    min_seconds = 0 if user.is_authenticated else site.comment_min_seconds
    if form.looks_like_a_bot(min_seconds):
        return Outcome(None, Decision(Verdict.HOLD), created=False)
    return submit_comment(
        post, form.cleaned_data, user=user, access=access, ip=ip, site=site
    )
