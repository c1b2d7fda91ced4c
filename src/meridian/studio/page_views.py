"""Pages (About, Contact) written in the Studio: a new page is a draft."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from meridian.journal.models import Page
from meridian.journal.publishing import publish_page, unpublish_page

from . import access
from .editing import Draft
from .forms import PageForm
from .previewing import render_page_preview


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
        messages.success(request, _("Saved as a draft: readers cannot see it yet."))
        return redirect("studio:edit_page", pk=page.pk)
    return _screen(request, form, None, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def edit_page(request: HttpRequest, pk: int) -> HttpResponse:
    access.require(access.may_edit_pages(request.user))
    page = get_object_or_404(Page, pk=pk)
    if request.method != "POST":
        return _screen(request, PageForm(instance=page), page)
    action = request.POST.get("action", "save")
    form = PageForm(request.POST, instance=page)
    if action == "preview":
        draft = Draft(
            title=request.POST.get("title", ""),
            body=request.POST.get("body", ""),
            fields={},
        )
        return _screen(
            request, form, page, preview=render_page_preview(request, page, draft)
        )
    valid = form.is_valid()
    if valid and action == "publish":
        valid = form.check_ready_to_publish()
    if not valid:
        return _screen(request, form, page, status=400)
    page = form.save(commit=False)
    if action == "publish":
        publish_page(page)
        note = _("Published: readers see it now.")
    elif action == "unpublish":
        unpublish_page(page)
        note = _("Unpublished: readers no longer see it.")
    else:
        page.save()
        note = _("Saved.")
    messages.success(request, note)
    return redirect("studio:edit_page", pk=page.pk)


def _screen(request, form, page, *, preview=None, status=200) -> HttpResponse:
    return render(
        request,
        "studio/page_editor.html",
        {
            "title": page.title if page else _("New page"),
            "section": "pages",
            "page": page,
            "form": form,
            "preview": preview,
        },
        status=status,
    )
