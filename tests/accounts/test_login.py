"""Logging in and out: email or username, remember me, POST-only logout."""

import pytest
from django.conf import settings
from django.test import override_settings

from .conftest import PASSWORD, CountingHasher, login, signed_in_user

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("identifier", ["ada@example.org", "ADA@EXAMPLE.ORG", "ada"])
def test_log_in_with_email_or_username(client, reader, identifier):
    response = login(client, identifier)
    assert response.status_code == 302
    assert signed_in_user(client) == reader


def test_login_page_uses_the_clinics_wording(client):
    html = client.get("/accounts/login/").content.decode()
    assert "<h1>Login to your account</h1>" in html
    assert "Can’t remember your password?" in html
    assert "Register for this site!" in html
    assert 'name="remember"' in html


def test_remember_me_keeps_the_session_after_the_browser_closes(client, reader):
    login(client, "ada", remember="on")
    assert client.session.get_expire_at_browser_close() is False
    assert client.session.get_expiry_age() == settings.SESSION_COOKIE_AGE


def test_without_remember_me_the_session_ends_with_the_browser(client, reader):
    login(client, "ada")
    assert client.session.get_expire_at_browser_close() is True


def test_session_key_is_rotated_on_login(client, reader):
    client.get("/accounts/login/")
    session = client.session
    session["before"] = "login"
    session.save()
    before = session.session_key
    login(client, "ada")
    assert client.session.session_key != before


def test_logout_needs_a_post(client, reader):
    login(client, "ada")
    page = client.get("/accounts/logout/")
    assert page.status_code == 200
    assert signed_in_user(client) == reader
    response = client.post("/accounts/logout/")
    assert response.status_code == 302
    assert not signed_in_user(client).is_authenticated


def test_wrong_password_and_unknown_account_answer_the_same(client, reader):
    wrong = login(client, "ada@example.org", password="not my password")
    unknown = login(client, "nobody@example.org", password="not my password")
    assert wrong.status_code == unknown.status_code == 200
    wrong_errors = wrong.context["form"].non_field_errors()
    unknown_errors = unknown.context["form"].non_field_errors()
    assert list(wrong_errors) == list(unknown_errors)
    assert "not correct" in wrong_errors[0]
    # The typed login stays, the password never comes back.
    assert 'value="ada@example.org"' in wrong.content.decode()
    assert "not my password" not in wrong.content.decode()


def test_ten_thousand_character_login_is_a_form_error(client):
    response = login(client, "x" * 10_000, password="y" * 10_000)
    assert response.status_code == 200
    assert response.context["form"].errors


def test_signed_in_panel_shows_the_name_profile_and_logout(client, reader):
    login(client, "ada")
    html = client.get("/").content.decode()
    assert "Signed in as <strong>Ada Reader</strong>" in html
    assert 'href="/accounts/profile/"' in html
    assert 'action="/accounts/logout/"' in html


def test_logged_out_panel_has_the_three_doors_and_no_token(client):
    html = client.get("/").content.decode()
    assert "Login to your account" in html
    assert "Register for this site!" in html
    assert "csrfmiddlewaretoken" not in html
    assert "account-panel.js" in html


def test_admin_login_goes_through_allauth(client, reader):
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=%2Fadmin%2F"
    # A signed-in reader who is not staff is refused, not sent round in circles.
    login(client, "ada")
    assert client.get("/admin/login/?next=/admin/").status_code == 403


@pytest.mark.parametrize(
    "url", ["/accounts/login/", "/accounts/signup/", "/accounts/password/reset/"]
)
def test_account_pages_show_the_sites_own_name_and_navigation(client, url):
    html = client.get(url).content.decode()
    assert '<span class="site-brand__name">Meridian Journal</span>' in html
    assert 'aria-label="Main"' in html


@override_settings(PASSWORD_HASHERS=["tests.accounts.conftest.CountingHasher"])
@pytest.mark.parametrize("identifier", ["ada@example.org", "ada"])
def test_a_known_login_costs_as_many_password_hashes_as_an_unknown_one(
    client, reader, identifier
):
    """No enumeration by timing: a wrong password on a real account is as slow."""
    reader.set_password(PASSWORD)
    reader.save()
    CountingHasher.calls = 0
    login(client, identifier, password="a wrong guess")
    known = CountingHasher.calls
    CountingHasher.calls = 0
    unknown_identifier = "nobody@example.org" if "@" in identifier else "nobody"
    login(client, unknown_identifier, password="a wrong guess")
    assert known == CountingHasher.calls
