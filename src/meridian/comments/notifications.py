"""Emails about comments: to the article's author and moderators, and on replies.

Each function runs after the commit that made the comment, renders the
message in the request and hands it to the background-task layer
(meridian.core.email), so a slow or failing mail server never touches the
reader's response.
"""

import logging

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from meridian.core.email import send_email
from meridian.core.models import SiteSettings
from meridian.core.urlbuilding import absolute_url

from .models import Comment

logger = logging.getLogger(__name__)

MODERATE_SALT = "meridian.comments.moderate"
UNSUBSCRIBE_SALT = "meridian.comments.unsubscribe"
MODERATE_LINK_DAYS = 14
MODERATION_ACTIONS = ("approve", "spam")


def moderation_token(comment_id: int, action: str) -> str:
    return signing.dumps({"c": comment_id, "a": action}, salt=MODERATE_SALT)


def read_moderation_token(token: str) -> tuple[int, str] | None:
    """Return (comment id, action) from a signed link, or None if it is bad or old."""
    try:
        data = signing.loads(
            token, salt=MODERATE_SALT, max_age=MODERATE_LINK_DAYS * 86400
        )
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or data.get("a") not in MODERATION_ACTIONS:
        return None
    return int(data["c"]), data["a"]


def unsubscribe_token(comment_id: int) -> str:
    return signing.dumps(comment_id, salt=UNSUBSCRIBE_SALT)


def read_unsubscribe_token(token: str) -> int | None:
    try:
        value = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    return value if isinstance(value, int) else None


def moderators():
    """Return active staff who may moderate comments."""
    permission = Permission.objects.filter(
        codename="moderate_comment", content_type__app_label="comments"
    ).first()
    allowed = Q(is_superuser=True)
    if permission is not None:
        allowed |= Q(user_permissions=permission) | Q(groups__permissions=permission)
    return (
        get_user_model()
        .objects.filter(allowed, is_active=True, is_staff=True)
        .exclude(email="")
        .distinct()
    )


def _load(comment_id: int) -> Comment | None:
    return (
        Comment.objects.select_related("post__author", "author", "parent__author")
        .filter(pk=comment_id)
        .first()
    )


def new_comment(comment_id: int) -> None:
    """Tell the article's author and the moderators about a new comment."""
    comment = _load(comment_id)
    if comment is None:
        return
    recipients: dict[str, str] = {}
    for person in [comment.post.author, *moderators()]:
        if person.email and person.is_active and person.pk != comment.author_id:
            recipients.setdefault(person.email.lower(), person.email)
    if not recipients:
        return
    site = SiteSettings.current()
    context = {
        "comment": comment,
        "site": site,
        "post_url": absolute_url(comment.post.get_absolute_url()),
        "permalink": absolute_url(comment.get_absolute_url()),
        "queue_url": absolute_url(reverse("comments:moderation")),
        "link_days": MODERATE_LINK_DAYS,
        "links": {
            action: absolute_url(
                reverse(
                    "comments:moderate_link",
                    kwargs={"token": moderation_token(comment.pk, action)},
                )
            )
            for action in MODERATION_ACTIONS
        },
    }
    subject = (
        _("New comment awaiting moderation on “%(title)s”")
        if comment.status == Comment.Status.PENDING
        else _("New comment on “%(title)s”")
    ) % {"title": comment.post.title}
    body = render_to_string("comments/email/new_comment.txt", context)
    for address in recipients.values():
        send_email(EmailMultiAlternatives(subject, body, to=[address]))


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
    message = EmailMultiAlternatives(
        subject,
        render_to_string("comments/email/reply.txt", context),
        to=[address],
        headers={
            # RFC 8058 one-click unsubscribe: mail apps POST to the URL.
            "List-Unsubscribe": f"<{unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    send_email(message)
