"""Sharing an unpublished article with a reviewer who has no account."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from meridian.journal.models import Post

from . import access, preview_links
from .models import PreviewLink
from .previewing import PreviewNeighbours


@login_required
@require_POST
def share(request: HttpRequest, pk: int) -> HttpResponse:
    post = get_object_or_404(Post, pk=pk)
    access.require(access.may_edit(request.user, post))
    preview_links.make_link(post, request.user)
    messages.success(
        request,
        _("A private preview link was made: it works for a week, until withdrawn."),
    )
    return redirect("studio:edit", pk=post.pk)


@login_required
@require_POST
def withdraw(request: HttpRequest, pk: int, link_pk: int) -> HttpResponse:
    post = get_object_or_404(Post, pk=pk)
    access.require(access.may_edit(request.user, post))
    link = get_object_or_404(PreviewLink, pk=link_pk, post=post)
    preview_links.withdraw(link)
    messages.success(request, _("The preview link was withdrawn."))
    return redirect("studio:edit", pk=post.pk)


@require_safe
def shared_preview(request: HttpRequest, token: str) -> HttpResponse:
    """Show the article as saved, to whoever holds a usable link."""
    link = preview_links.open_link(token)
    if link is None:
        raise Http404(_("This preview link has expired or was withdrawn."))
    post = (
        Post.objects.select_related("author", "category").filter(pk=link.post_id).get()
    )
    response = render(
        request,
        "studio/shared_preview.html",
        {"post": post, "neighbours": PreviewNeighbours(list(post.tags.all()))},
    )
    # Never in search engines, never in a shared cache, never sent onwards.
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "no-referrer"
    return response
