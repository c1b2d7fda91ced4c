"""Readers' comment pages: post, reply, edit, delete, permalink, unsubscribe."""

from typing import TYPE_CHECKING

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import (
    require_http_methods,
    require_POST,
    require_safe,
)

from meridian.core.models import SiteSettings
from meridian.journal.models import Post

from . import actions, notifications, threads
from .access import Access, access_for
from .forms import CommentForm, EditCommentForm, starting_text
from .models import Comment
from .submission import CommentRefused, check_rate, check_reply_depth, submit_form
from .throttling import client_ip

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

HELD = gettext_lazy(
    "Your comment is awaiting moderation. It will appear once a moderator has read it."
)


def _message(
    request,
    title: "StrOrPromise",
    text: "StrOrPromise" = "",
    *,
    status: int = 200,
    **extra,
):
    context = {"title": title, "text": text, **extra}
    return render(request, "comments/message.html", context, status=status)


def _form_page(
    request, post, form, *, access: Access, parent=None, status=200, refusal=""
):
    context = {
        "refusal": refusal,
        "post": post,
        "form": form,
        "parent": parent,
        "access": access,
    }
    return render(request, "comments/form_page.html", context, status=status)


def _refused(request, post, form, access: Access, refusal: CommentRefused):
    """Show the form again, as typed, with the reason it was not taken."""
    if refusal.message and not refusal.by_access:
        form.add_error(None, refusal.message)
    return _form_page(
        request,
        post,
        form,
        access=access,
        parent=_posted_parent(request, post),
        status=refusal.status,
        refusal=refusal.message if refusal.by_access else "",
    )


def _comment_location(comment: Comment, viewer) -> str:
    number = threads.page_of(comment, viewer)
    query = f"?comments-page={number}" if number > 1 else ""
    return f"{comment.post.get_absolute_url()}{query}#comment-{comment.pk}"


def _posted_parent(request, post) -> Comment | None:
    """Return the comment a failed form replied to, to show it again."""
    raw = request.POST.get("parent", "")
    if not (raw.isascii() and raw.isdigit() and len(raw) < 19):
        return None
    return Comment.objects.approved().filter(pk=int(raw), post=post).first()


@require_POST
def post_comment(request: HttpRequest, post_id: int) -> HttpResponse:
    post = get_object_or_404(Post.objects.published(), pk=post_id)
    site = SiteSettings.current()
    access = access_for(post, request.user, site)
    form = CommentForm(request.POST, guest=access == Access.GUEST)
    try:
        outcome = submit_form(
            post,
            form,
            user=request.user,
            access=access,
            ip=client_ip(request),
            site=site,
        )
    except CommentRefused as refusal:
        return _refused(request, post, form, access, refusal)
    comment = outcome.comment
    if comment is not None and comment.is_public:
        return redirect(_comment_location(comment, request.user))
    mine = comment is not None and comment.is_written_by(request.user)
    return _message(
        request,
        _("Thank you"),
        HELD,
        notice=outcome.decision.notice,
        post=post,
        comment=comment if mine else None,
    )


@require_safe
def reply(request: HttpRequest, pk: int) -> HttpResponse:
    parent = get_object_or_404(
        Comment.objects.approved().select_related("post", "author"), pk=pk
    )
    post = parent.post
    if not post.is_public:
        return _message(request, _("Not found"), status=404)
    site = SiteSettings.current()
    access = access_for(post, request.user, site)
    try:
        check_reply_depth(parent, site)
    except CommentRefused as refusal:
        return _message(request, _("Replies are closed"), refusal.message, post=post)
    form = None
    if access.may_comment:
        form = CommentForm(
            guest=access == Access.GUEST,
            initial={"parent": parent.pk, **starting_text(request, site)},
        )
    return _form_page(request, post, form, parent=parent, access=access)


@require_safe
def permalink(request: HttpRequest, pk: int) -> HttpResponse:
    comment = get_object_or_404(Comment.objects.select_related("post"), pk=pk)
    if not comment.post.is_public:
        return _message(request, _("Not found"), status=404)
    return redirect(_comment_location(comment, request.user))


def _own_comment(request, pk: int) -> Comment:
    return get_object_or_404(
        Comment.objects.select_related("post").filter(
            author=request.user, post__in=Post.objects.published()
        ),
        pk=pk,
    )


def _refusal(request: HttpRequest) -> CommentRefused | None:
    """Count a writer's edit or deletion against the comment limits."""
    try:
        check_rate(
            request.user,
            f"user:{request.user.pk}",
            ip=client_ip(request),
            site=SiteSettings.current(),
        )
    except CommentRefused as refusal:
        return refusal
    return None


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    comment = _own_comment(request, pk)
    if not comment.is_editable_by(request.user):
        return _message(
            request,
            _("This comment can no longer be edited"),
            _("You can edit a comment for 15 minutes after you post it."),
            post=comment.post,
            status=403,
        )
    form = EditCommentForm(
        request.POST if request.method == "POST" else None,
        initial={"body": comment.body},
    )
    refusal = _refusal(request) if form.is_bound and form.is_valid() else None
    if refusal is not None:
        form.add_error(None, refusal.message)
        status = refusal.status
    elif form.is_bound and form.is_valid():
        notice = actions.edit_comment(comment, form.cleaned_data["body"])
        if comment.is_public:
            return redirect(_comment_location(comment, request.user))
        return _message(
            request,
            _("Your change is saved"),
            _("Your comment is awaiting moderation again."),
            notice=notice,
            post=comment.post,
            comment=comment,
        )
    else:
        status = 400 if form.is_bound else 200
    context = {"comment": comment, "post": comment.post, "form": form}
    return render(request, "comments/edit.html", context, status=status)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def delete(request: HttpRequest, pk: int) -> HttpResponse:
    comment = _own_comment(request, pk)
    if comment.status == Comment.Status.REMOVED:
        return redirect(comment.post.get_absolute_url() + "#comments")
    refusal = _refusal(request) if request.method == "POST" else None
    if request.method == "POST" and refusal is None:
        post = comment.post
        actions.delete_comment(comment)
        return _message(request, _("Your comment is deleted"), post=post, status=200)
    return render(
        request,
        "comments/delete.html",
        {"comment": comment, "post": comment.post, "refusal": refusal},
        status=refusal.status if refusal else 200,
    )


@csrf_exempt  # RFC 8058: mail apps POST here with no cookie or token.
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    comment_id = notifications.read_unsubscribe_token(token)
    comment = Comment.objects.select_related("post").filter(pk=comment_id).first()
    if comment is None:
        return _message(
            request,
            _("This link does not work"),
            _("The unsubscribe link is not valid. Please copy the whole link."),
            status=400,
        )
    if request.method == "POST":
        actions.stop_reply_emails(comment.pk)
        return _message(
            request,
            _("You are unsubscribed"),
            _("You will no longer get emails about replies to this comment."),
            post=comment.post,
        )
    return render(request, "comments/unsubscribe.html", {"comment": comment})
