"""The site's addresses and pages with a policy of their own (test_csp.py)."""

from csp.decorators import csp_exempt, csp_update
from django.http import HttpRequest, HttpResponse
from django.urls import path

from meridian.urls import urlpatterns as site_urlpatterns


def nonce_page(request: HttpRequest) -> HttpResponse:
    return HttpResponse(f'<script nonce="{request.csp_nonce}">let a = 1;</script>')


@csp_update({"img-src": ["https://images.example.org"]})  # type: ignore[arg-type]
def updated_page(request: HttpRequest) -> HttpResponse:
    return HttpResponse("updated")


@csp_exempt()  # type: ignore[arg-type]
def exempt_page(request: HttpRequest) -> HttpResponse:
    return HttpResponse("exempt")


urlpatterns = [
    path("nonce/", nonce_page),
    path("updated/", updated_page),
    path("exempt/", exempt_page),
    *site_urlpatterns,
]
