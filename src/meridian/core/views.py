"""Site-wide views: robots.txt, security.txt and the error pages."""

from datetime import timedelta

from django.conf import settings
from django.contrib.staticfiles.storage import staticfiles_storage
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from .models import SiteSettings
from .urlbuilding import absolute_url


@require_GET
@cache_control(max_age=3600, public=True)
def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = ["User-agent: *"]
    if settings.ADMIN_PATH == "admin/":
        # A path of the operator's choosing is not announced to every crawler.
        lines.append("Disallow: /admin/")
    lines += [
        "Disallow: /accounts/",
        "",
        f"Sitemap: {absolute_url(reverse('django.contrib.sitemaps.views.sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


@require_GET
def privacy(request: HttpRequest) -> HttpResponse:
    """Show the privacy notice edited in Site settings."""
    return render(request, "core/privacy.html")


@require_GET
def security_txt(request: HttpRequest) -> HttpResponse:
    """Serve /.well-known/security.txt (RFC 9116) from the site settings."""
    site = SiteSettings.current()
    contact = site.security_contact_uri()
    if not contact:
        raise Http404("no security contact set")
    expires = (
        site.security_contact_expires or (timezone.now() + timedelta(days=365)).date()
    )
    lines = [
        f"Contact: {contact}",
        f"Expires: {expires.isoformat()}T23:59:59Z",
        f"Canonical: {absolute_url(request.path)}",
        "Preferred-Languages: " + ", ".join(code for code, _ in settings.LANGUAGES),
    ]
    return HttpResponse(
        "\n".join(lines) + "\n", content_type="text/plain; charset=utf-8"
    )


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
