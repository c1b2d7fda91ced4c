"""Pages (About, Contact) written in the Studio: a new page is a draft.

A page is written as an article is: autosave, live preview, a revision for
every save, conflicts shown rather than overwritten (editing.py serves both).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import (
    require_http_methods,
    require_POST,
    require_safe,
)

from meridian.journal.models import Page
from meridian.journal.publishing import publish_page, unpublish_page

from . import access, editing, presence
from .editor_views import (
    autosaved_json,
    conflict_page,
    keep_for_later,
    kept_version,
    preview_json,
    signed_out_json,
    take_kept,
)
from .forms import PageForm
from .previewing import render_page_preview

ACTIONS = ("save", "preview", "publish", "unpublish", "pick_image")


def presence_key(page: Page) -> str:
    return f"page-{page.pk}"


def kept_key(pk: int) -> str:
    """Name a page's text kept across a sign-in (an article's is its pk)."""
    return f"page-{pk}"


def _page_for(request: HttpRequest, pk: int) -> Page:
    access.require(access.may_edit_pages(request.user))
    return get_object_or_404(Page, pk=pk)


@login_required
@require_safe
def page_list(request: HttpRequest) -> HttpResponse:
    access.require(access.may_edit_pages(request.user))
    return render(
        request,
        "studio/page_list.html",
        {
            "title": _("Pages"),
            "section": "pages",
            "pages": Page.objects.defer("body", "body_html", "body_text"),
        },
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def new_page(request: HttpRequest) -> HttpResponse:
    access.require(
        access.may_edit_pages(request.user)
        and request.user.has_perm("journal.add_page")
    )
    form = PageForm(request.POST or None, instance=Page(published=False))
    if request.method == "POST" and form.is_valid():
        page = form.save()
        editing.record_revision(page, request.user, note=_("Started"))
        messages.success(request, _("Saved as a draft: readers cannot see it yet."))
        return redirect("studio:edit_page", pk=page.pk)
    return _screen(request, form, None, status=400 if form.errors else 200)


@require_http_methods(["GET", "HEAD", "POST"])
def edit_page(request: HttpRequest, pk: int) -> HttpResponse:
    if not request.user.is_authenticated:
        # The session ended while typing: the text waits for the sign-in.
        return keep_for_later(
            request, kept_key(pk), reverse("studio:edit_page", args=[pk])
        )
    page = _page_for(request, pk)
    if request.method != "POST":
        return _open(request, page)
    action = request.POST.get("action", "save")
    if action not in ACTIONS:
        action = "save"
    form = PageForm(request.POST, instance=page)
    if action == "pick_image":
        # Without JavaScript: the typed text waits in the autosave meanwhile.
        posted = request.POST.get("version", "")
        editing.autosave(
            page,
            request.user,
            editing.draft_from_request(request.POST, editing.PAGE_FIELDS),
            version=int(posted) if posted.isdigit() else page.version,
        )
        return redirect(
            f"{reverse('studio:pick_page_picture', args=[page.pk])}?for=body"
        )
    if action == "preview":
        draft = editing.draft_from_request(request.POST, editing.PAGE_FIELDS)
        return _screen(
            request, form, page, preview=render_page_preview(request, page, draft)
        )
    valid = form.is_valid()
    if valid and action == "publish":
        valid = form.check_ready_to_publish()
    if not valid:
        return _screen(request, form, page, status=400)
    notes = {
        "publish": _("Published"),
        "unpublish": _("Unpublished"),
    }
    try:
        editing.save_article(form, request.user, note=notes.get(action, ""))
    except editing.EditConflict as conflict:
        return conflict_page(
            request,
            conflict.current,
            editing.draft_from_request(request.POST, editing.PAGE_FIELDS),
            edit_url=reverse("studio:edit_page", args=[page.pk]),
            discard_url=reverse("studio:discard_page_autosave", args=[page.pk]),
            section="pages",
        )
    if action == "publish":
        publish_page(page)
        note = _("Published: readers see it now.")
    elif action == "unpublish":
        unpublish_page(page)
        note = _("Unpublished: readers no longer see it.")
    else:
        note = (
            _("Updated: readers see the new text.") if page.published else _("Saved.")
        )
    messages.success(request, note)
    return redirect("studio:edit_page", pk=page.pk)


def _open(request: HttpRequest, page: Page) -> HttpResponse:
    """Show the page, with the person's newer unsaved text if there is any."""
    kept = take_kept(request, kept_key(page.pk))
    if kept is not None:
        # Typed before a sign-in: fill it back in, to be saved as usual.
        draft = editing.draft_from_request(kept, editing.PAGE_FIELDS)
        version = kept_version(kept, page.version)
        return _screen(
            request, PageForm(instance=page, initial=draft.as_data(version)), page
        )
    chosen = request.GET.get("revision")
    if chosen and chosen.isdigit():
        revision = get_object_or_404(page.revisions, pk=int(chosen))
        draft = editing.draft_from_revision(revision)
        messages.info(request, _("Showing an earlier revision: save to keep it."))
        form = PageForm(instance=page, initial=draft.as_data(page.version))
        return _screen(request, form, page)
    autosaved = editing.newer_autosave(page, request.user)
    if autosaved is not None:
        draft = editing.draft_from_revision(autosaved)
        when = date_format(timezone.localtime(autosaved.created_at), "DATETIME_FORMAT")
        note = _("Your unsaved changes from %(when)s are back in the form below.") % {
            "when": when
        }
        if autosaved.version < page.version:
            note += " " + _(
                "Someone saved the page since: saving will show you both texts."
            )
        messages.info(request, note)
        form = PageForm(instance=page, initial=draft.as_data(autosaved.version))
        return _screen(request, form, page, restored=autosaved)
    return _screen(request, PageForm(instance=page), page)


def _screen(
    request, form, page, *, preview=None, restored=None, status=200
) -> HttpResponse:
    return render(
        request,
        "studio/page_editor.html",
        {
            "title": page.title if page else _("New page"),
            "section": "pages",
            "page": page,
            "form": form,
            "preview": preview,
            "restored": restored,
            "others": presence.here(presence_key(page), request.user) if page else [],
            "revision_count": page.revisions.filter(kind="saved").count()
            if page
            else 0,
        },
        status=status,
    )


@require_POST
def autosave(request: HttpRequest, pk: int) -> JsonResponse:
    """Keep the typed text in the person's autosave; the page is untouched."""
    if not request.user.is_authenticated:
        return signed_out_json()
    if not access.may_edit_pages(request.user):
        return JsonResponse({"state": "refused"}, status=403)
    page = get_object_or_404(Page, pk=pk)
    posted = request.POST.get("version", "")
    version = int(posted) if posted.isdigit() else page.version
    saved_at = timezone.now()
    if "body" in request.POST or "title" in request.POST:
        draft = editing.draft_from_request(request.POST, editing.PAGE_FIELDS)
        saved_at = editing.autosave(
            page, request.user, draft, version=version
        ).created_at
    return autosaved_json(
        saved_at,
        others=presence.here(presence_key(page), request.user),
        stale=version < page.version,
    )


@require_POST
def preview(request: HttpRequest, pk: int) -> HttpResponse:
    """Return the typed text as readers will see it (JSON for the live preview)."""
    if not request.user.is_authenticated:
        return JsonResponse({"state": "signed_out"}, status=401)
    page = _page_for(request, pk)
    draft = editing.draft_from_request(request.POST, editing.PAGE_FIELDS)
    return preview_json(render_page_preview(request, page, draft))


@login_required
@require_POST
def discard_autosave(request: HttpRequest, pk: int) -> HttpResponse:
    page = _page_for(request, pk)
    editing.discard_autosave(page, request.user)
    messages.info(request, _("Your unsaved changes were discarded."))
    return redirect("studio:edit_page", pk=page.pk)
