"""The library pages, for staff: the grid with upload, an image's page, deletion.

Views stay thin: forms check and clean the file, library.py writes.
"""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from . import library, usage
from .forms import DetailsForm, ReplaceForm, SearchForm, UploadForm
from .models import Image

PAGE_SIZE = 24


def staff_only(view):
    """Let only active staff in; others get the 403 page (guests the login)."""

    @login_required
    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not (request.user.is_active and request.user.is_staff):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


def _wants_json(request: HttpRequest) -> bool:
    return "application/json" in request.headers.get("Accept", "")


@staff_only
@require_http_methods(["GET", "HEAD", "POST"])
def library_view(request: HttpRequest) -> HttpResponse:
    """Show the grid and the upload form; take one upload."""
    form = UploadForm()
    if request.method == "POST":
        form = UploadForm(request.POST, request.FILES)
        if form.is_valid():
            picture = form.cleaned_data["file"]
            image = library.add_image(
                picture.cleaned,
                uploaded_name=picture.name,
                alt=form.cleaned_data["alt"],
                caption=form.cleaned_data["caption"],
                uploaded_by=request.user if request.user.is_authenticated else None,
            )
            if _wants_json(request):
                return JsonResponse(
                    {"id": image.pk, "url": image.get_absolute_url()}, status=201
                )
            messages.success(
                request,
                _("The picture is in the library.")
                if image.alt
                else _("The picture is in the library. Add its alt text."),
            )
            return redirect(image)
        if _wants_json(request):
            errors = [str(error) for errors in form.errors.values() for error in errors]
            return JsonResponse({"errors": errors}, status=400)
    search = SearchForm(request.GET)
    query = search.cleaned_data["q"] if search.is_valid() else ""
    images = Image.objects.search(query).for_display()
    page = Paginator(images, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "media/library.html",
        {"form": form, "search": search, "query": query, "page_obj": page},
        status=400 if form.errors else 200,
    )


@staff_only
@require_http_methods(["GET", "HEAD", "POST"])
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Show one image with where it is used; edit its text or replace its file."""
    image = get_object_or_404(Image.objects.for_display(), pk=pk)
    details = DetailsForm(instance=image)
    replace = ReplaceForm()
    if request.method == "POST" and request.POST.get("action") == "replace":
        replace = ReplaceForm(request.POST, request.FILES)
        if replace.is_valid():
            picture = replace.cleaned_data["file"]
            library.replace_file(image, picture.cleaned, picture.name)
            messages.success(request, _("The picture was replaced."))
            return redirect(image)
    elif request.method == "POST":
        details = DetailsForm(request.POST, instance=image)
        if details.is_valid():
            library.update_details(image, **details.cleaned_data)
            messages.success(request, _("Saved."))
            return redirect(image)
        image.refresh_from_db()  # show what is stored beside the typed text
    invalid = bool(details.errors or replace.errors)
    return render(
        request,
        "media/detail.html",
        {
            "image": image,
            "details": details,
            "replace": replace,
            "uses": usage.uses_of(image),
        },
        status=400 if invalid else 200,
    )


@staff_only
@require_http_methods(["GET", "HEAD", "POST"])
def delete(request: HttpRequest, pk: int) -> HttpResponse:
    """Ask, listing where the image is used, then delete it and its files."""
    image = get_object_or_404(Image, pk=pk)
    if request.method == "POST":
        library.delete_image(image)
        messages.success(request, _("The picture was deleted."))
        return redirect("media:library")
    return render(
        request, "media/delete.html", {"image": image, "uses": usage.uses_of(image)}
    )
