"""An article's revisions: the list, a readable comparison, one-click restore."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from meridian.journal.models import Post, Revision

from . import access, editing
from .diffing import LABELS, diff_revisions
from .forms import ArticleForm

PAGE = 200


def _post_for(request: HttpRequest, pk: int) -> Post:
    post = get_object_or_404(Post, pk=pk)
    access.require(access.may_edit(request.user, post))
    return post


@login_required
@require_safe
def revisions(request: HttpRequest, pk: int) -> HttpResponse:
    post = _post_for(request, pk)
    rows = list(
        post.revisions.select_related("author")
        .defer("body", "fields")
        .order_by("-created_at", "-id")[:PAGE]
    )
    for row in rows:
        # Read by the template beside the row's own fields.
        row.changed_labels = [  # type: ignore[attr-defined]
            str(LABELS.get(name, _("created"))) for name in row.changed
        ]
    saved = [row for row in rows if row.kind == Revision.Kind.SAVED]
    return render(
        request,
        "studio/revisions.html",
        {
            "title": _("Revisions of “%(title)s”") % {"title": post.title},
            "section": "articles",
            "post": post,
            "rows": rows,
            "newest": saved[0].pk if saved else None,
            "older": saved[1].pk if len(saved) > 1 else None,
        },
    )


def _revision(post: Post, raw: str | None) -> Revision | None:
    if not raw or not raw.isdigit() or len(raw) > 18:
        return None
    return post.revisions.select_related("author").filter(pk=int(raw)).first()


@login_required
@require_safe
def compare(request: HttpRequest, pk: int) -> HttpResponse:
    post = _post_for(request, pk)
    old = _revision(post, request.GET.get("old"))
    new = _revision(post, request.GET.get("new"))
    if old is None or new is None:
        messages.error(request, _("Choose two revisions to compare."))
        return redirect("studio:revisions", pk=post.pk)
    if (old.created_at, old.pk) > (new.created_at, new.pk):
        old, new = new, old
    return render(
        request,
        "studio/compare.html",
        {
            "title": _("Comparing revisions of “%(title)s”") % {"title": post.title},
            "section": "articles",
            "post": post,
            "old": old,
            "new": new,
            "diffs": diff_revisions(old, new),
        },
    )


@login_required
@require_POST
def restore(request: HttpRequest, pk: int, revision_pk: int) -> HttpResponse:
    """Make a revision the article's text again, as a new revision."""
    post = _post_for(request, pk)
    revision = get_object_or_404(post.revisions, pk=revision_pk)
    if post.is_public and not access.may_publish(request.user):
        messages.error(
            request,
            _("Readers see this article: an editor restores its revisions."),
        )
        return redirect("studio:revisions", pk=post.pk)
    draft = editing.draft_from_revision(revision)
    form = ArticleForm(
        draft.as_data(post.version),
        instance=post,
        may_review=access.may_publish(request.user),
    )
    if not form.is_valid():
        # e.g. its address is now another article's: open it to be fixed.
        messages.error(
            request,
            _("That revision cannot be saved as it is: %(errors)s")
            % {"errors": " ".join(str(e) for es in form.errors.values() for e in es)},
        )
        edit = reverse("studio:edit", args=[post.pk])
        return redirect(f"{edit}?revision={revision.pk}")
    when = date_format(timezone.localtime(revision.created_at), "DATETIME_FORMAT")
    try:
        editing.save_article(
            form,
            request.user,
            note=_("Restored the revision of %(when)s") % {"when": when},
        )
    except editing.EditConflict:
        messages.error(request, _("The article changed meanwhile: try again."))
        return redirect("studio:revisions", pk=post.pk)
    messages.success(request, _("Restored. The restore is itself a revision."))
    return redirect("studio:edit", pk=post.pk)
