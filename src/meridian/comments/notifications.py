"""Emails about comments: to the article's author and moderators, and on replies.

`later()` queues one background task after the commit that made or approved
the comment; the task worker finds who to tell, renders the messages and
hands each to the email task (meridian.core.email). The request that stored
the comment renders no email: under steady comments that work was half of a
comment's cost to the readers' workers. A slow or failing mail server never
touches the reader's response.
"""

import logging

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django_tasks import task

from meridian.accounts.models import User
from meridian.core.email import send_email, site_sender
from meridian.core.models import SiteSettings
from meridian.core.urlbuilding import absolute_url

from .models import Comment

logger = logging.getLogger(__name__)

MODERATE_SALT = "meridian.comments.moderate"
UNSUBSCRIBE_SALT = "meridian.comments.unsubscribe"
MODERATE_LINK_DAYS = 14
MODERATION_ACTIONS = ("approve", "spam")
MODERATE_PERMISSION = "comments.moderate_comment"


def later(kind: str, comment_id: int) -> None:
    """Send the `kind` notification ("new_comment", "published" or "reply") in
    the background once the current transaction commits."""
    if kind not in NOTIFICATIONS:
        raise ValueError(f"Unknown comment notification {kind!r}")
    transaction.on_commit(
        lambda: notify.enqueue(kind=kind, comment_id=comment_id), robust=True
    )


@task()
def notify(kind: str, comment_id: int) -> None:
    """Send one notification about a comment (run by the task worker)."""
    NOTIFICATIONS[kind](comment_id)


def moderation_token(comment: Comment, action: str) -> str:
    """Sign a link that gives the comment's current wait one verdict."""
    return signing.dumps(
        {"c": comment.pk, "a": action, "w": comment.wait_stamp}, salt=MODERATE_SALT
    )


def read_moderation_token(token: str) -> tuple[int, str, str] | None:
    """Return (comment id, action, wait stamp) from a signed link, or None if it
    is bad or old."""
    try:
        data = signing.loads(
            token, salt=MODERATE_SALT, max_age=MODERATE_LINK_DAYS * 86400
        )
    except signing.BadSignature:
        return None
    if (
        not isinstance(data, dict)
        or data.get("a") not in MODERATION_ACTIONS
        or not isinstance(data.get("c"), int)
        or not isinstance(data.get("w"), str)
    ):
        return None
    return data["c"], data["a"], data["w"]


def unsubscribe_token(comment_id: int) -> str:
    return signing.dumps(comment_id, salt=UNSUBSCRIBE_SALT)


def read_unsubscribe_token(token: str) -> int | None:
    try:
        value = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    return value if isinstance(value, int) else None


def may_moderate(user) -> bool:
    """Return whether `user` may moderate comments (Editors, Administrators)."""
    return bool(
        user is not None
        and user.is_authenticated
        and user.is_active
        and user.has_perm(MODERATE_PERMISSION)
    )


def moderators() -> QuerySet[User]:
    """Return the active people who may moderate comments and have an address."""
    return User.objects.reachable_with_perm(MODERATE_PERMISSION)


def _email(subject: str, template: str, context: dict, to: str, **kwargs):
    """Return a comment email in plain text and HTML, from and named for the site."""
    site = context["site"]
    context = {
        **context,
        # The names the site's one email layout (account/email/) uses.
        "current_site": site,
        "site_url": settings.SITE_URL,
    }
    message = EmailMultiAlternatives(
        f"{site.name}: {subject}",
        render_to_string(f"comments/email/{template}.txt", context),
        site_sender(),
        [to],
        **kwargs,
    )
    message.attach_alternative(
        render_to_string(f"comments/email/{template}.html", context), "text/html"
    )
    return message


def _load(comment_id: int) -> Comment | None:
    return (
        Comment.objects.select_related("post__author", "author", "parent__author")
        .filter(pk=comment_id)
        .first()
    )


def new_comment(comment_id: int) -> None:
    """Tell the moderators about a new comment, and the article's author about a
    published one.

    Only moderators get a held comment (it may carry a phone number or a
    health detail) and the links that approve it or mark it as spam.
    """
    comment = _load(comment_id)
    if comment is None:
        return
    site = SiteSettings.current()
    waiting = comment.status == Comment.Status.PENDING
    context = {
        "comment": comment,
        "site": site,
        "post_url": absolute_url(comment.post.get_absolute_url()),
        "permalink": absolute_url(comment.get_absolute_url()),
        "queue_url": absolute_url(reverse("comments:moderation")),
        "link_days": MODERATE_LINK_DAYS,
    }
    subject = (
        _("New comment awaiting moderation on “%(title)s”")
        if waiting
        else _("New comment on “%(title)s”")
    ) % {"title": comment.post.title}
    told = set()
    for person in moderators():
        address = person.email.lower()
        if person.pk == comment.author_id or address in told:
            continue
        told.add(address)
        links = {
            action: absolute_url(
                reverse(
                    "comments:moderate_link",
                    kwargs={"token": moderation_token(comment, action)},
                )
            )
            for action in (MODERATION_ACTIONS if waiting else ())
        }
        moderation = {**context, "moderator": True, "links": links}
        send_email(_email(subject, "new_comment", moderation, person.email))
    if not waiting:
        _tell_author(comment, context, subject, told)


def _tell_author(comment: Comment, context: dict, subject: str, told: set) -> None:
    author = comment.post.author
    if (
        comment.is_public
        and author.is_active
        and author.email
        and author.pk != comment.author_id
        and author.email.lower() not in told
    ):
        send_email(_email(subject, "new_comment", context, author.email))


def published(comment_id: int) -> None:
    """Tell the article's author of a comment a moderator has just published."""
    comment = _load(comment_id)
    if comment is None:
        return
    context = {
        "comment": comment,
        "site": SiteSettings.current(),
        "post_url": absolute_url(comment.post.get_absolute_url()),
        "permalink": absolute_url(comment.get_absolute_url()),
    }
    subject = _("New comment on “%(title)s”") % {"title": comment.post.title}
    _tell_author(comment, context, subject, set())


def reply(comment_id: int) -> None:
    """Tell the writer of the parent comment about an approved reply, if they asked."""
    comment = _load(comment_id)
    if comment is None or not comment.is_public or comment.parent is None:
        return
    parent = comment.parent
    address = parent.email
    if (
        not parent.notify_on_reply
        or parent.status != Comment.Status.APPROVED
        or not address
        or (parent.author_id and parent.author_id == comment.author_id)
        or (not parent.author_id and address.lower() == comment.guest_email.lower())
    ):
        return
    unsubscribe_url = absolute_url(
        reverse("comments:unsubscribe", kwargs={"token": unsubscribe_token(parent.pk)})
    )
    context = {
        "comment": comment,
        "parent": parent,
        "site": SiteSettings.current(),
        "permalink": absolute_url(comment.get_absolute_url()),
        "unsubscribe_url": unsubscribe_url,
    }
    subject = _("%(name)s replied to your comment on “%(title)s”") % {
        "name": comment.name,
        "title": comment.post.title,
    }
    message = _email(
        subject,
        "reply",
        context,
        address,
        headers={
            # RFC 8058 one-click unsubscribe: mail apps POST to the URL.
            "List-Unsubscribe": f"<{unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    send_email(message)


NOTIFICATIONS = {"new_comment": new_comment, "published": published, "reply": reply}
