"""Moderators' pages: the queue with bulk actions, and the signed links in emails."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from . import actions, notifications
from .models import Comment

Status = Comment.Status
QUEUE_PAGE_SIZE = 50
BULK_ACTIONS = {
    "approve": actions.approve_comment,
    "spam": actions.mark_spam,
    "remove": actions.remove_comment,
}
LINK_ACTIONS = {
    "approve": (actions.approve_comment, Status.APPROVED),
    "spam": (actions.mark_spam, Status.SPAM),
}


def may_moderate(user) -> bool:
    return (
        user.is_active and user.is_staff and user.has_perm("comments.moderate_comment")
    )


def _selected_ids(request: HttpRequest) -> list[int]:
    return [
        int(raw)
        for raw in request.POST.getlist("ids")
        if raw.isascii() and raw.isdigit() and len(raw) < 19
    ]


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def moderation_queue(request: HttpRequest) -> HttpResponse:
    if not may_moderate(request.user):
        raise PermissionDenied
    status = request.GET.get("status", Status.PENDING)
    if status not in Status.values:
        status = Status.PENDING
    if request.method == "POST":
        act = BULK_ACTIONS.get(request.POST.get("action", ""))
        ids = _selected_ids(request)
        if act is None or not ids:
            messages.error(request, _("Choose comments and an action."))
        else:
            for comment_id in ids:
                act(comment_id)
            messages.success(
                request,
                ngettext(
                    "%(count)d comment updated.",
                    "%(count)d comments updated.",
                    len(ids),
                )
                % {"count": len(ids)},
            )
        return redirect(f"{reverse('comments:moderation')}?status={status}")
    counts = dict(
        Comment.objects.order_by().values_list("status").annotate(n=Count("pk"))
    )
    comments = (
        Comment.objects.filter(status=status)
        .select_related("post", "author", "parent__author")
        .order_by("-created_at", "-id")
    )
    page = Paginator(comments, QUEUE_PAGE_SIZE).get_page(request.GET.get("page"))
    tabs = [(value, label, counts.get(value, 0)) for value, label in Status.choices]
    return render(
        request,
        "comments/moderation_queue.html",
        {"page_obj": page, "status": status, "tabs": tabs},
    )


@require_http_methods(["GET", "HEAD", "POST"])
def moderate_link(request: HttpRequest, token: str) -> HttpResponse:
    """Confirm (GET), then apply (POST), the approve or spam link from an email.

    A plain GET never changes anything: mail scanners follow links.
    """
    signed = notifications.read_moderation_token(token)
    comment = (
        Comment.objects.select_related("post", "author").filter(pk=signed[0]).first()
        if signed
        else None
    )
    if signed is None or comment is None:
        return render(
            request,
            "comments/message.html",
            {
                "title": _("This link does not work"),
                "text": _(
                    "The link is not valid, has expired, or its comment is gone. "
                    "Use the moderation queue instead."
                ),
            },
            status=400,
        )
    action = signed[1]
    act, status = LINK_ACTIONS[action]
    done = comment.status == status
    if request.method == "POST" and not done:
        comment = act(comment.pk)
        done = True
    return render(
        request,
        "comments/moderate_link.html",
        {"comment": comment, "action": action, "done": done},
    )
