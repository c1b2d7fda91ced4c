"""Revisions of an article or a page: the list, a readable comparison, restore.

The same views serve both; the URLs pass `kind` ("post" or "page").
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from meridian.journal.models import Page, Post, Snapshot

from . import access, editing
from .diffing import LABELS, diff_revisions
from .forms import ArticleForm, PageForm

PAGE = 200
URLS = {
    "post": {
        "edit": "studio:edit",
        "revisions": "studio:revisions",
        "compare": "studio:compare",
        "restore": "studio:restore",
    },
    "page": {
        "edit": "studio:edit_page",
        "revisions": "studio:page_revisions",
        "compare": "studio:page_compare",
        "restore": "studio:page_restore",
    },
}


def _text_for(request: HttpRequest, pk: int, kind: str) -> editing.Text:
    if kind == "page":
        access.require(access.may_edit_pages(request.user))
        return get_object_or_404(Page, pk=pk)
    post = get_object_or_404(Post, pk=pk)
    access.require(access.may_edit(request.user, post))
    return post


def _context(kind: str, **values) -> dict:
    section = "pages" if kind == "page" else "articles"
    return {"kind": kind, "urls": URLS[kind], "section": section, **values}


@login_required
@require_safe
def revisions(request: HttpRequest, pk: int, kind: str = "post") -> HttpResponse:
    post = _text_for(request, pk, kind)
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
    saved = [row for row in rows if row.kind == Snapshot.Kind.SAVED]
    return render(
        request,
        "studio/revisions.html",
        _context(
            kind,
            title=_("Revisions of “%(title)s”") % {"title": post.title},
            post=post,
            rows=rows,
            newest=saved[0].pk if saved else None,
            older=saved[1].pk if len(saved) > 1 else None,
        ),
    )


def _revision(post: editing.Text, raw: str | None) -> Snapshot | None:
    if not raw or not raw.isdigit() or len(raw) > 18:
        return None
    return post.revisions.select_related("author").filter(pk=int(raw)).first()


@login_required
@require_safe
def compare(request: HttpRequest, pk: int, kind: str = "post") -> HttpResponse:
    post = _text_for(request, pk, kind)
    old = _revision(post, request.GET.get("old"))
    new = _revision(post, request.GET.get("new"))
    if old is None or new is None:
        messages.error(request, _("Choose two revisions to compare."))
        return redirect(URLS[kind]["revisions"], pk=post.pk)
    if (old.created_at, old.pk) > (new.created_at, new.pk):
        old, new = new, old
    return render(
        request,
        "studio/compare.html",
        _context(
            kind,
            title=_("Comparing revisions of “%(title)s”") % {"title": post.title},
            post=post,
            old=old,
            new=new,
            diffs=diff_revisions(old, new),
        ),
    )


@login_required
@require_POST
def restore(
    request: HttpRequest, pk: int, revision_pk: int, kind: str = "post"
) -> HttpResponse:
    """Make a revision the text again, as a new revision."""
    item = _text_for(request, pk, kind)
    urls = URLS[kind]
    revision = get_object_or_404(item.revisions, pk=revision_pk)
    if (
        isinstance(item, Post)
        and item.is_public
        and not access.may_publish(request.user)
    ):
        messages.error(
            request,
            _("Readers see this article: an editor restores its revisions."),
        )
        return redirect(urls["revisions"], pk=item.pk)
    draft = editing.draft_from_revision(revision)
    form: ArticleForm | PageForm
    if isinstance(item, Post):
        form = ArticleForm(
            draft.as_data(item.version),
            instance=item,
            may_review=access.may_publish(request.user),
        )
    else:
        form = PageForm(draft.as_data(item.version), instance=item)
    if not form.is_valid():
        # e.g. its address is now another's: open it to be fixed.
        messages.error(
            request,
            _("That revision cannot be saved as it is: %(errors)s")
            % {"errors": " ".join(str(e) for es in form.errors.values() for e in es)},
        )
        edit = reverse(urls["edit"], args=[item.pk])
        return redirect(f"{edit}?revision={revision.pk}")
    when = date_format(timezone.localtime(revision.created_at), "DATETIME_FORMAT")
    try:
        editing.save_article(
            form,
            request.user,
            note=_("Restored the revision of %(when)s") % {"when": when},
        )
    except editing.EditConflict:
        messages.error(request, _("It changed meanwhile: try again."))
        return redirect(urls["revisions"], pk=item.pk)
    messages.success(request, _("Restored. The restore is itself a revision."))
    return redirect(urls["edit"], pk=item.pk)
