"""The site's addresses and one page that uses a CSP nonce (test_caching.py)."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from meridian.urls import urlpatterns as site_urlpatterns


def nonce_page(request: HttpRequest) -> HttpResponse:
    return HttpResponse(f'<script nonce="{request.csp_nonce}">let a = 1;</script>')


urlpatterns = [path("nonce/", nonce_page), *site_urlpatterns]
