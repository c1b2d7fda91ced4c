import secrets

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_pages_carry_a_strict_content_security_policy(client, post):
    response = client.get(post.get_absolute_url())
    policy = response["Content-Security-Policy"]
    assert "unsafe-inline" not in policy
    assert "default-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert "object-src 'none'" in policy
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "camera=()" in response["Permissions-Policy"]
    assert response["X-Frame-Options"] == "DENY"


def test_templates_carry_no_inline_script_or_style(client, post):
    html = client.get(post.get_absolute_url()).content.decode()
    assert "<style" not in html
    assert " style=" not in html
    for chunk in html.split("<script")[1:]:
        opening, _, rest = chunk.partition(">")
        if opening.lstrip().startswith("src="):
            # A static file, allowed by script-src 'self': no inline body.
            assert rest.startswith("</script>")
            continue
        assert chunk.lstrip().startswith('type="application/ld+json"')


def test_custom_500_page(settings):
    settings.DEBUG = False
    client = Client(raise_request_exception=False)
    from meridian import urls

    def boom(request):
        raise RuntimeError("kaput")

    from django.urls import path

    urls.urlpatterns.insert(0, path("__boom__/", boom))
    try:
        from django.urls import clear_url_caches

        clear_url_caches()
        response = client.get("/__boom__/")
    finally:
        urls.urlpatterns.pop(0)
        clear_url_caches()
    assert response.status_code == 500
    assert "Something went wrong on our side" in response.content.decode()


def test_serve_refuses_to_start_without_a_secret_key(settings):
    settings.SECRET_KEY = "django-insecure-abc"
    with pytest.raises(CommandError, match="secret key"):
        call_command("serve", "--bind", "127.0.0.1:0")


def test_deploy_check_is_clean_for_an_https_site(settings):
    settings.SECRET_KEY = secrets.token_urlsafe(50)
    settings.DEBUG = False
    settings.SESSION_COOKIE_SECURE = True
    settings.CSRF_COOKIE_SECURE = True
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = True
    call_command("check", "--deploy", "--fail-level", "WARNING")


def test_deploy_check_reports_the_missing_secret_key(settings):
    settings.SECRET_KEY = "django-insecure-" + "x" * 50
    with pytest.raises(Exception, match="MERIDIAN_SECRET_KEY"):
        call_command("check", "--deploy", "--fail-level", "ERROR")


def test_health_endpoint(client):
    assert client.get("/healthz").json() == {"status": "ok"}


@pytest.mark.parametrize("path", ["/" + "a" * 5000 + "/", "/articles/%00/", "/%00"])
def test_overlong_and_nul_paths_get_the_sites_own_400_page(client, path):
    response = client.get(path)
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    assert "We couldn’t understand that request" in response.content.decode()
    # The bad path is not echoed back (it would make the page invalid HTML).
    assert b"\x00" not in response.content
    assert b'rel="canonical"' not in response.content


@pytest.mark.parametrize(
    "url",
    [
        "/?page=%00",
        "/admin/comments/comment/?status=%00",
        "/admin/journal/post/?q=a%00b",
        "/admin/journal/post/?category__id__exact=%00",
        "/accounts/login/?next=/%00",
        "/comments/moderation/?status=pending%00",
    ],
)
def test_nul_in_any_query_string_gets_the_400_page_not_a_500(client, url):
    # On PostgreSQL a NUL reaching a filter was a 500 (text cannot hold it).
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    response = client.get(url)
    assert response.status_code == 400
    assert "We couldn’t understand that request" in response.content.decode()
    assert b"\x00" not in response.content


def test_a_post_without_a_csrf_token_gets_the_sites_own_403_page(post):
    client = Client(enforce_csrf_checks=True)
    response = client.post(post.get_absolute_url(), {"body": "hello"})
    assert response.status_code == 403
    html = response.content.decode()
    assert "This form has expired" in html
    assert "Content-Security-Policy" in response.headers
