"""The picture picker: the media library, searched and added to from the writing screen.

One address serves the page (without JavaScript) and the dialog's content
(requested by the editor's script with `X-Requested-With: fetch`). Articles
and pages have one each (`kind` in the URL); only articles have a featured
image.
"""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from meridian.journal.models import Post
from meridian.media import library
from meridian.media.forms import SearchForm, UploadForm
from meridian.media.markup import picture
from meridian.media.models import Image

from . import access, editing, picking

PAGE_SIZE = 12
THUMB_SIZES = "(min-width: 40rem) 10rem, 45vw"
URLS = {
    "post": ("studio:edit", "studio:pick_picture", "articles"),
    "page": ("studio:edit_page", "studio:pick_page_picture", "pages"),
}


def _kind(item: editing.Text) -> str:
    return "post" if isinstance(item, Post) else "page"


def _edit_url(item: editing.Text) -> str:
    return reverse(URLS[_kind(item)][0], args=[item.pk])


def _picker_url(item: editing.Text) -> str:
    return reverse(URLS[_kind(item)][1], args=[item.pk])


def _from_script(request: HttpRequest) -> bool:
    return request.headers.get("X-Requested-With") == "fetch"


def _address(item: editing.Text, target: str, **params) -> str:
    query = {"for": target, **{k: v for k, v in params.items() if v}}
    return f"{_picker_url(item)}?{urlencode(query)}"


@require_http_methods(["GET", "HEAD", "POST"])
def pick_picture(request: HttpRequest, pk: int, kind: str = "post") -> HttpResponse:
    """Show the library to choose from; take an upload; use the chosen picture."""
    if not request.user.is_authenticated:
        return redirect_to_login(reverse(URLS[kind][0], args=[pk]))
    post = access.editable_text(request.user, pk, kind)
    source = request.POST if request.method == "POST" else request.GET
    target = picking.target_from(source.get("for"))
    if kind == "page":
        target = picking.BODY
    upload = UploadForm(auto_id="picker-%s")
    refused: tuple[int, str] | None = None
    if request.method == "POST" and request.POST.get("action") == "upload":
        upload = UploadForm(request.POST, request.FILES, auto_id="picker-%s")
        if upload.is_valid():
            image = library.add_image(
                upload.cleaned_data["file"].cleaned,
                uploaded_name=upload.cleaned_data["file"].name,
                alt=upload.cleaned_data["alt"],
                caption=upload.cleaned_data["caption"],
                uploaded_by=request.user,
            )
            if not _from_script(request):
                messages.success(request, _("Uploaded: choose it below."))
                return redirect(_address(post, target, new=image.pk))
            return _picker(request, post, target, new=image.pk)
    elif request.method == "POST":
        found = Image.objects.filter(pk=_number(request.POST.get("image")) or 0)
        chosen = found.first()
        if chosen is None:
            messages.error(request, _("That picture is no longer in the library."))
            return redirect(_address(post, target))
        try:
            chosen = picking.ready_for_use(chosen, request.POST.get("alt", ""))
        except picking.PickRefused as refusal:
            if "application/json" in request.headers.get("Accept", ""):
                return JsonResponse({"errors": [str(refusal)]}, status=400)
            refused = (chosen.pk, str(refusal))
        else:
            if "application/json" in request.headers.get("Accept", ""):
                return JsonResponse(_chosen(chosen))
            return _use(request, post, chosen, target)
    return _picker(
        request,
        post,
        target,
        upload=upload,
        refused=refused,
        new=_number(request.GET.get("new")),
        status=400 if (upload.errors or refused) else 200,
    )


def _use(request: HttpRequest, post, image: Image, target: str) -> HttpResponse:
    """Write the choice into the writer's autosave and go back to the text."""
    kept = editing.autosave_of(post, request.user)
    draft = editing.draft_from_revision(kept) if kept else editing.draft_of(post)
    version = kept.version if kept else post.version
    editing.autosave(
        post, request.user, picking.with_choice(draft, image, target), version=version
    )
    if target == picking.FEATURED:
        messages.success(request, _("The featured image is chosen: save to keep it."))
        anchor = "featured-image"
    else:
        messages.success(
            request,
            _("The picture is at the end of the text: move it where it belongs."),
        )
        anchor = "id_body"
    return redirect(f"{_edit_url(post)}#{anchor}")


def _chosen(image: Image) -> dict:
    return {
        "id": image.pk,
        "alt": image.alt,
        "markdown": image.markdown,
        "picture": str(picture(image, alt="", sizes=THUMB_SIZES)),
    }


def _picker(request, post, target, *, upload=None, refused=None, new=None, status=200):
    search = SearchForm(request.GET, auto_id="picker-%s")
    query = search.cleaned_data["q"] if search.is_valid() else ""
    images = Image.objects.search(query).for_display()
    page = Paginator(images, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "title": _("Choose a picture"),
        "section": URLS[_kind(post)][2],
        "post": post,
        "target": target,
        "query": query,
        "page_obj": page,
        "upload": upload or UploadForm(auto_id="picker-%s"),
        "refused": refused,
        "new": new,
        "picker_url": _picker_url(post),
        "editor_url": _edit_url(post),
        "thumb_sizes": THUMB_SIZES,
        "in_dialog": _from_script(request),
    }
    template = (
        "studio/includes/picker.html" if _from_script(request) else "studio/picker.html"
    )
    return render(request, template, context, status=status)


def _number(value) -> int | None:
    return int(value) if value and str(value).isdigit() else None
