"""Site-wide views: robots.txt and the error pages."""

from django.conf import settings
from django.contrib.staticfiles.storage import staticfiles_storage
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from .urlbuilding import absolute_url


@require_GET
@cache_control(max_age=3600, public=True)
def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /accounts/",
        "",
        f"Sitemap: {absolute_url(reverse('django.contrib.sitemaps.views.sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


def bad_request(request: HttpRequest, exception=None) -> HttpResponse:
    return render(request, "400.html", status=400)


def permission_denied(request: HttpRequest, exception=None) -> HttpResponse:
    return render(request, "403.html", status=403)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """Answer a refused form post (or a POST to a reader page) with the site's page."""
    return render(request, "403_csrf.html", status=403)


def page_not_found(request: HttpRequest, exception=None) -> HttpResponse:
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    # Rendered without the request context: the failure may be in the
    # database, a context processor, or the static files' manifest.
    from django.template import loader

    try:
        stylesheet = staticfiles_storage.url("meridian/css/site.css")
    except ValueError:  # never collected: WhiteNoise still serves the plain name
        stylesheet = f"{settings.STATIC_URL}meridian/css/site.css"
    try:
        page = loader.get_template("500.html").render({"stylesheet": stylesheet})
    except Exception:  # noqa: BLE001  (the last resort must not fail in turn)
        return HttpResponse(
            "Something went wrong on our side. Please try again in a few minutes.",
            status=500,
            content_type="text/plain; charset=utf-8",
        )
    return HttpResponse(page, status=500)
