"""Site-wide pages: privacy, security.txt (RFC 9116), robots.txt, admin's address."""

import importlib
from datetime import date

import pytest
import time_machine
from django.test import Client
from django.urls import clear_url_caches

import meridian.urls
from meridian.core.models import SiteSettings
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_security_txt_is_absent_until_a_contact_is_set(client):
    assert client.get("/.well-known/security.txt").status_code == 404


@time_machine.travel("2026-11-29 12:00Z", tick=False)
def test_security_txt_names_the_contact_and_when_it_expires(client, settings):
    site = SiteSettings.current()
    site.security_contact = "security@clinic.example"
    site.save()
    response = client.get("/.well-known/security.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "Contact: mailto:security@clinic.example" in lines
    assert "Expires: 2027-11-29T23:59:59Z" in lines
    assert f"Canonical: {settings.SITE_URL}/.well-known/security.txt" in lines

    site.security_contact = "https://clinic.example/security"
    site.security_contact_expires = date(2027, 3, 1)
    site.save()
    lines = client.get("/.well-known/security.txt").content.decode().splitlines()
    assert "Contact: https://clinic.example/security" in lines
    assert "Expires: 2027-03-01T23:59:59Z" in lines


def test_security_contact_must_be_an_address_or_https_page(client):
    site = SiteSettings.current()
    site.staff_require_2fa = False
    site.save()
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    form = client.get("/admin/core/sitesettings/1/change/").context["adminform"].form
    data = {
        name: ("" if value is None else value)
        for name, value in form.initial.items()
        if name != "logo" and value is not False
    }
    data["security_contact"] = "javascript:alert(1)"
    response = client.post("/admin/core/sitesettings/1/change/", data)
    assert response.status_code == 200
    assert "Give an email address or an https:// address." in response.content.decode()
    assert SiteSettings.objects.get().security_contact == ""


@pytest.fixture
def admin_path(settings):
    """Serve the admin at /clinic-office/, as MERIDIAN_ADMIN_PATH would."""
    settings.ADMIN_PATH = "clinic-office/"
    importlib.reload(meridian.urls)
    clear_url_caches()
    yield
    settings.ADMIN_PATH = "admin/"
    importlib.reload(meridian.urls)
    clear_url_caches()


def test_the_admin_lives_at_the_path_the_operator_chose(admin_path):
    client = Client()
    assert client.get("/admin/").status_code == 404
    login = client.get("/clinic-office/")
    assert login.status_code == 302
    assert login["Location"].startswith("/clinic-office/login/")
    # Its login is the site's (rate limits, two-factor), coming back to it.
    door = client.get("/clinic-office/login/")
    assert door["Location"] == "/accounts/login/?next=%2Fclinic-office%2F"
    # Not announced in robots.txt either.
    assert "clinic-office" not in client.get("/robots.txt").content.decode()


def test_the_privacy_page_shows_the_notice_edited_in_site_settings(client):
    site = SiteSettings.current()
    site.privacy_policy = "## What we keep\n\nOnly what you *give* us."
    site.fingerprint_retention_days = 14
    site.save()
    response = client.get("/privacy/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "What we keep</h2>" in html
    assert "Only what you <em>give</em> us." in html
    assert "Address fingerprints are deleted after 14 days." in html


def test_the_default_privacy_page_says_what_is_kept(client):
    html = client.get("/privacy/").content.decode()
    assert "What this site keeps" in html
    assert "deleted after 30 days" in html


@pytest.mark.parametrize(
    "url", ["/", "ARTICLE", "/about/", "/accounts/login/", "/no-such-page/"]
)
def test_every_pages_footer_links_the_privacy_page(client, post, url):
    from tests.factories import PageFactory

    PageFactory()
    url = post.get_absolute_url() if url == "ARTICLE" else url
    html = client.get(url).content.decode()
    footer = html[html.index('<footer class="site-footer">') :]
    assert 'href="/privacy/"' in footer


def test_registration_and_comment_form_say_what_is_kept(client, post):
    from tests.comments.conftest import configure_site

    configure_site(guest_comments=True, fingerprint_retention_days=14)
    for url in ("/accounts/signup/", post.get_absolute_url()):
        html = client.get(url).content.decode()
        assert "We keep what you enter here, and for 14 days a fingerprint" in html
        notice = html[html.index('class="privacy-notice"') :]
        assert 'href="/privacy/"' in notice[: notice.index("</p>")]
