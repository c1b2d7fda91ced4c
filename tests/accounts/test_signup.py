"""Registration: email, display name and password; confirmed by emailed link."""

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.test import override_settings

from meridian.accounts.models import User
from tests.helpers import configure_site

from .conftest import (
    PASSWORD,
    CountingHasher,
    last_mail_to,
    link_in,
    login,
    signup,
)

pytestmark = pytest.mark.django_db


def test_register_confirm_and_log_in(client):
    response = signup(client)
    assert response.status_code == 302
    assert response["Location"] == "/accounts/confirm-email/"
    user = User.objects.get(email="new@example.org")
    assert user.display_name == "New Reader"
    assert user.username == "new_reader"  # made from the display name
    assert not EmailAddress.objects.get(user=user).verified

    message = last_mail_to("new@example.org")
    confirm_url = link_in(message, "/accounts/confirm-email/")
    page = client.get(confirm_url)
    assert page.status_code == 200
    response = client.post(confirm_url)
    assert response.status_code == 302
    assert EmailAddress.objects.get(user=user).verified

    client.post("/accounts/logout/")
    response = login(client, "new@example.org")
    assert response.status_code == 302
    assert client.get("/").context["user"] == user


def test_unconfirmed_person_cannot_log_in_and_gets_a_new_link(client):
    signup(client)
    client.post("/accounts/logout/")
    mail.outbox.clear()
    response = login(client, "new@example.org")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/confirm-email/"
    assert "_auth_user_id" not in client.session
    # The first link was sent moments ago: the resend is held back (rate limit).
    assert mail.outbox == []


def test_username_is_made_from_a_unicode_name(client):
    signup(client, display_name="  Zoë  Ōtani ")
    user = User.objects.get(email="new@example.org")
    assert user.display_name == "Zoë Ōtani"
    assert user.username == "zoe_otani"


def test_right_to_left_name_is_kept(client):
    signup(client, display_name="مريم الأحمد")
    assert User.objects.get(email="new@example.org").display_name == "مريم الأحمد"


def test_direction_override_characters_are_refused(client):
    response = signup(client, display_name="Admin\u202egnp.exe")
    assert response.status_code == 200
    assert "invisible control characters" in response.content.decode()
    assert not User.objects.filter(email="new@example.org").exists()


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"email": "not-an-email"}, "Enter a valid email address."),
        ({"email": "a" * 10_000 + "@example.org"}, "Ensure this value has at most"),
        ({"display_name": "n" * 10_000}, "Ensure this value has at most 100"),
        ({"display_name": ""}, "This field is required."),
        ({"password1": "password", "password2": "password"}, "too common"),
        ({"password2": "something else"}, "You must type the same password"),
    ],
)
def test_bad_input_gets_a_message_on_the_same_form(client, fields, message):
    response = signup(client, **fields)
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert 'action="/accounts/signup/"' in html
    # What was typed stays, except passwords.
    form = response.context["form"]
    assert form.data["email"] == fields.get("email", "new@example.org")
    assert PASSWORD not in html
    assert not User.objects.filter(email="new@example.org").exists()


def test_typed_values_are_shown_again_but_never_the_password(client):
    response = signup(client, display_name="Ada Ørsted", password2="mismatch")
    html = response.content.decode()
    assert 'value="Ada Ørsted"' in html
    assert 'value="new@example.org"' in html
    assert PASSWORD not in html


def test_duplicate_address_answers_like_a_new_one(client, reader):
    """No enumeration: the page is the same; the owner is told by email."""
    known = signup(client, email="ADA@example.org")
    client.cookies.clear()
    unknown = signup(client, email="someone-else@example.org")
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    assert User.objects.filter(email__iexact="ada@example.org").count() == 1
    warning = last_mail_to("ada@example.org")
    assert "/accounts/password/reset/" in warning.body


@override_settings(PASSWORD_HASHERS=["tests.accounts.conftest.CountingHasher"])
def test_duplicate_address_costs_the_same_password_hashing(client, reader):
    """No enumeration by timing: hashing is the slow part of a new account."""
    CountingHasher.calls = 0
    signup(client, email="someone-else@example.org")
    new_account = CountingHasher.calls
    client.cookies.clear()
    CountingHasher.calls = 0
    signup(client, email="ADA@example.org")
    assert new_account >= 1
    assert CountingHasher.calls == new_account


def test_registration_can_be_closed(client):
    configure_site(registration_open=False)
    page = client.get("/accounts/signup/")
    assert page.status_code == 200
    assert "Registration is closed" in page.content.decode()
    signup(client)
    assert not User.objects.filter(email="new@example.org").exists()


def test_signup_is_rate_limited_per_address(client):
    for number in range(20):
        response = signup(client, email=f"person{number}@example.org")
        assert response.status_code == 302
        client.cookies.clear()
    response = signup(client, email="one-too-many@example.org")
    assert response.status_code == 429
    assert "Too many attempts" in response.content.decode()
    assert not User.objects.filter(email="one-too-many@example.org").exists()


def test_expired_or_tampered_confirmation_link_explains_itself(client):
    signup(client)
    confirm_url = link_in(last_mail_to("new@example.org"), "/accounts/confirm-email/")
    tampered = confirm_url.rstrip("/") + "x/"
    page = client.get(tampered)
    assert page.status_code == 200
    assert "expired or is invalid" in page.content.decode()
    response = client.post(tampered)
    assert response.status_code == 404
    assert not EmailAddress.objects.get(email="new@example.org").verified


def test_confirmation_link_expires(client, settings):
    settings.ACCOUNT_EMAIL_CONFIRMATION_EXPIRE_DAYS = 0
    signup(client)
    confirm_url = link_in(last_mail_to("new@example.org"), "/accounts/confirm-email/")
    client.post(confirm_url)
    assert not EmailAddress.objects.get(email="new@example.org").verified


def test_password_is_not_kept_in_plain_text(client):
    signup(client)
    user = User.objects.get(email="new@example.org")
    assert user.password != PASSWORD
    assert user.check_password(PASSWORD)
