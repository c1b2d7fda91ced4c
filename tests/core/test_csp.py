"""The Content-Security-Policy header: built once, the same as django-csp's own."""

import pytest
from csp.constants import NONCE, SELF
from csp.middleware import CSPMiddleware as DjangoCSPMiddleware
from django.http import HttpResponse
from django.test import Client, RequestFactory

from tests.factories import PostFactory

pytestmark = pytest.mark.django_db(transaction=True)


def _django_csp_policy(path: str = "/") -> str:
    """Return the header django-csp's own middleware gives a plain response."""
    request = RequestFactory().get(path)
    middleware = DjangoCSPMiddleware(lambda request: HttpResponse("page"))
    return middleware(request)["Content-Security-Policy"]


def test_pages_and_cached_hits_carry_django_csps_policy(settings, author):
    settings.PAGE_CACHE = True
    PostFactory(author=author)
    client = Client()
    first, hit = client.get("/"), client.get("/")
    assert hit["X-Cache"] == "hit"
    assert first["Content-Security-Policy"] == _django_csp_policy()
    assert hit["Content-Security-Policy"] == first["Content-Security-Policy"]


def test_a_changed_policy_setting_is_followed(settings, client):
    settings.CONTENT_SECURITY_POLICY = {
        "DIRECTIVES": {"default-src": [SELF], "script-src": [SELF, NONCE]}
    }
    assert client.get("/healthz").status_code == 200
    assert client.get("/about/")["Content-Security-Policy"] == (_django_csp_policy())
    settings.CONTENT_SECURITY_POLICY_REPORT_ONLY = {
        "DIRECTIVES": {"default-src": ["https://example.org"]}
    }
    response = client.get("/about/")
    assert (
        response["Content-Security-Policy-Report-Only"]
        == "default-src https://example.org"
    )


def test_views_with_a_policy_or_a_nonce_of_their_own_keep_it(settings, client):
    settings.ROOT_URLCONF = "tests.core.csp_urls"
    updated = client.get("/updated/")["Content-Security-Policy"]
    assert "img-src 'self' data: https://images.example.org" in updated
    assert "Content-Security-Policy" not in client.get("/exempt/")
    page = client.get("/nonce/")
    nonce = page.content.decode().split('nonce="')[1].split('"')[0]
    assert f"'nonce-{nonce}'" in page["Content-Security-Policy"]
    plain = client.get("/about/")["Content-Security-Policy"]
    assert "nonce-" not in plain
    assert plain == _django_csp_policy()
