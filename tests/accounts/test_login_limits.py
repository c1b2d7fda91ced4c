"""Limits on failed logins: per account and address, per account, per address."""

import pytest
from django.test import Client

from .conftest import (
    NEW_PASSWORD,
    PASSWORD,
    last_mail_to,
    link_in,
    login,
    signed_in_user,
)

pytestmark = pytest.mark.django_db


def from_address(client, address: str, login_as: str, password=PASSWORD):
    return client.post(
        "/accounts/login/",
        {"login": login_as, "password": password},
        REMOTE_ADDR=address,
    )


def test_failures_from_one_address_slow_that_address_not_the_owner(client, reader):
    for attempt in range(5):
        # As username or email: one account, one count.
        from_address(
            client, "203.0.113.9", ["ada", "ADA@example.org"][attempt % 2], "x"
        )
    response = from_address(client, "203.0.113.9", "ada")  # even the right password
    assert response.status_code == 429
    assert "Too many failed login attempts" in response.content.decode()
    assert not signed_in_user(client).is_authenticated
    # The owner, elsewhere, is not locked out by a stranger's guesses.
    owner = from_address(Client(), "198.51.100.4", "ada")
    assert owner.status_code == 302


def test_guessing_from_many_addresses_meets_a_higher_limit_per_account(client, reader):
    for number in range(30):
        from_address(Client(), f"203.0.113.{number}", "ada", "guess")
    response = from_address(client, "198.51.100.4", "ada")
    assert response.status_code == 429
    assert not signed_in_user(client).is_authenticated


def test_a_password_reset_lets_the_owner_in_at_once(client, reader):
    for number in range(30):
        from_address(Client(), f"203.0.113.{number}", "ada", "guess")
    client.post("/accounts/password/reset/", {"email": "ada@example.org"})
    link = link_in(last_mail_to("ada@example.org"), "/accounts/password/reset/key/")
    page = client.get(link, follow=True)
    form_url = page.redirect_chain[-1][0]
    client.post(form_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert signed_in_user(client) == reader
    # And from any other device too, with the new password.
    phone = from_address(Client(), "198.51.100.7", "ada", NEW_PASSWORD)
    assert phone.status_code == 302


def test_login_is_rate_limited_per_ip(client, reader):
    for number in range(30):
        login(client, f"someone{number}", password="guess")
    response = login(client, "ada")
    assert response.status_code == 429
    assert "Too many attempts" in response.content.decode()


def test_behind_a_proxy_each_client_has_its_own_limit(client, reader, settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    for number in range(30):
        client.post(
            "/accounts/login/",
            {"login": f"someone{number}", "password": "guess"},
            HTTP_X_FORWARDED_FOR="203.0.113.7",
        )
    blocked = client.post(
        "/accounts/login/",
        {"login": "ada", "password": "guess"},
        HTTP_X_FORWARDED_FOR="203.0.113.7",
    )
    assert blocked.status_code == 429
    other = client.post(
        "/accounts/login/",
        {"login": "ada", "password": PASSWORD},
        HTTP_X_FORWARDED_FOR="198.51.100.4",
    )
    assert other.status_code == 302


def test_a_right_password_is_never_counted_as_a_failure(client, reader):
    for _visit in range(10):
        assert from_address(client, "203.0.113.9", "ada").status_code == 302
        client.post("/accounts/logout/")
    for _guess in range(5):
        assert from_address(client, "203.0.113.9", "ada", "x").status_code == 200
    # Five failures, whatever the successes before them: this address waits.
    assert from_address(client, "203.0.113.9", "ada").status_code == 429


def test_an_ipv6_household_counts_as_one_address(client, reader):
    for host in range(1, 6):
        from_address(Client(), f"2001:db8:0:1::{host}", "ada", "x")
    assert from_address(Client(), "2001:db8:0:1::99", "ada").status_code == 429
    assert from_address(Client(), "2001:db8:0:2::1", "ada").status_code == 302
