"""Moderators' pages: the queue with bulk actions, and the signed links in emails."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
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
from .notifications import may_moderate

Status = Comment.Status
QUEUE_PAGE_SIZE = 50


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
        verdict = actions.VERDICTS.get(request.POST.get("action", ""))
        ids = _selected_ids(request)
        if verdict is None or not ids:
            messages.error(request, _("Choose comments and an action."))
        else:
            count = actions.moderate_comments(ids, verdict)
            messages.success(
                request,
                ngettext(
                    "%(count)d comment updated.",
                    "%(count)d comments updated.",
                    count,
                )
                % {"count": count},
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


def _link_message(request, title: str, text: str, status: int) -> HttpResponse:
    """Answer a moderation link with a message that shows nothing of the comment."""
    return render(
        request,
        "comments/message.html",
        {"title": title, "text": text},
        status=status,
    )


@require_http_methods(["GET", "HEAD", "POST"])
def moderate_link(request: HttpRequest, token: str) -> HttpResponse:
    """Confirm (GET), then apply (POST), the approve or spam link from an email.

    A link acts once, on the wait it was sent about, for a signed-in moderator
    (others sign in first and come back here). A plain GET never changes
    anything: mail scanners follow links.
    """
    signed = notifications.read_moderation_token(token)
    if signed is None:
        return _link_message(
            request,
            _("This link does not work"),
            _(
                "The link is not valid or has expired. Use the moderation queue "
                "instead."
            ),
            400,
        )
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not may_moderate(request.user):
        return _link_message(
            request,
            _("You cannot moderate comments"),
            _("This link is for the site's moderators."),
            403,
        )
    comment_id, action, since = signed
    comment = (
        Comment.objects.select_related("post", "author").filter(pk=comment_id).first()
    )
    if comment is None:
        return _link_message(
            request,
            _("This comment is gone"),
            _("It was deleted, so there is nothing left to moderate."),
            410,
        )
    if request.method == "POST":
        decided = actions.decide_waiting(comment.pk, actions.VERDICTS[action], since)
        if decided is not None:
            return render(
                request,
                "comments/moderate_link.html",
                {"comment": decided, "action": action, "done": True},
            )
    elif actions.is_still_waiting(comment, since):
        return render(
            request,
            "comments/moderate_link.html",
            {"comment": comment, "action": action, "done": False},
        )
    return _link_message(
        request,
        _("This comment has already been moderated"),
        _(
            "Another moderator, or an edit since, decided its status after this "
            "email was sent, so the link no longer acts. See the moderation "
            "queue for comments still waiting."
        ),
        409,
    )
