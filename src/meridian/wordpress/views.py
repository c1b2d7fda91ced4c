"""The Studio's WordPress import page: upload an export, follow its progress."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from .forms import ExportUploadForm
from .models import ImportRun
from .uploads import start_import

RECENT = 10
# Seconds between reloads of an unfinished run's page (no script needed).
REFRESH_SECONDS = 3


def administrators_only(view):
    """Let in staff who may change the site's settings: an import changes it all."""

    @login_required
    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        user = request.user
        if not (user.is_active and user.is_staff):
            raise PermissionDenied
        if not user.has_perm("core.change_sitesettings"):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


@never_cache
@administrators_only
@require_http_methods(["GET", "HEAD", "POST"])
def import_page(request: HttpRequest) -> HttpResponse:
    form = ExportUploadForm()
    if request.method == "POST":
        form = ExportUploadForm(request.POST, request.FILES)
        if form.is_valid():
            run = start_import(form.cleaned_data["export"], request.user)
            return redirect(run)
    return render(
        request,
        "wordpress/import.html",
        {
            "form": form,
            "runs": ImportRun.objects.all()[:RECENT],
            "title": "WordPress",
            "section": "wordpress",
        },
        status=400 if form.errors else 200,
    )


@never_cache
@administrators_only
@require_safe
def import_run(request: HttpRequest, pk: int) -> HttpResponse:
    run = get_object_or_404(ImportRun, pk=pk)
    return render(
        request,
        "wordpress/import_run.html",
        {
            "run": run,
            "refresh": None if run.is_finished else REFRESH_SECONDS,
            "title": run.file_name,
            "section": "wordpress",
        },
    )
