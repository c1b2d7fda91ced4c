"""“Can’t remember your password?”: a single-use, expiring link by email."""

import pytest
from django.core import mail
from django.test import Client

from .conftest import NEW_PASSWORD, PASSWORD, last_mail_to, link_in, login

pytestmark = pytest.mark.django_db

RESET = "/accounts/password/reset/"


def request_reset(client, email="ada@example.org"):
    return client.post(RESET, {"email": email})


def choose_password(client, link, password=NEW_PASSWORD):
    """Open the emailed link and set a new password; return the final response."""
    page = client.get(link, follow=True)
    form_url = page.redirect_chain[-1][0] if page.redirect_chain else link
    response = client.post(form_url, {"password1": password, "password2": password})
    return page, response


def test_reset_by_emailed_link_then_log_in_with_the_new_password(client, reader):
    response = request_reset(client)
    assert response.status_code == 302
    link = link_in(last_mail_to("ada@example.org"), "/accounts/password/reset/key/")
    _page, response = choose_password(client, link)
    assert response.status_code == 302
    reader.refresh_from_db()
    assert reader.check_password(NEW_PASSWORD)
    fresh = Client()
    assert login(fresh, "ada", password=PASSWORD).status_code == 200
    assert login(fresh, "ada", password=NEW_PASSWORD).status_code == 302


def test_reset_email_is_branded_in_html_and_text(client, reader):
    request_reset(client)
    message = last_mail_to("ada@example.org")
    assert message.subject.startswith("Meridian Journal: ")
    assert "Meridian Journal" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert "Meridian Journal" in html
    assert "Choose a new password" in html
    assert "/accounts/password/reset/key/" in html


def test_link_works_only_once(client, reader):
    request_reset(client)
    link = link_in(last_mail_to("ada@example.org"), "/accounts/password/reset/key/")
    choose_password(client, link)
    client.post("/accounts/logout/")
    page, _response = choose_password(Client(), link, password="another fine pass 7")
    assert "invalid" in page.content.decode()
    reader.refresh_from_db()
    assert reader.check_password(NEW_PASSWORD)


def test_tampered_link_is_refused_with_an_explanation(client, reader):
    request_reset(client)
    link = link_in(last_mail_to("ada@example.org"), "/accounts/password/reset/key/")
    tampered = link.replace("-", "-x", 1)
    page, _response = choose_password(client, tampered)
    assert page.status_code == 200
    assert "invalid" in page.content.decode()
    reader.refresh_from_db()
    assert reader.check_password(PASSWORD)


def test_link_expires(client, reader, settings):
    request_reset(client)
    link = link_in(last_mail_to("ada@example.org"), "/accounts/password/reset/key/")
    settings.PASSWORD_RESET_TIMEOUT = -1
    page, _response = choose_password(client, link)
    assert "invalid" in page.content.decode()
    reader.refresh_from_db()
    assert reader.check_password(PASSWORD)


def test_reset_logs_out_every_other_session(client, reader):
    elsewhere = Client()
    login(elsewhere, "ada")
    assert elsewhere.get("/").context["user"] == reader
    request_reset(client)
    link = link_in(last_mail_to("ada@example.org"), "/accounts/password/reset/key/")
    choose_password(client, link)
    assert not elsewhere.get("/").context["user"].is_authenticated


def test_known_and_unknown_addresses_get_the_same_answer(client, reader):
    known = request_reset(client, "ada@example.org")
    unknown = request_reset(client, "nobody@example.org")
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    done_known = client.get(known["Location"]).content
    done_unknown = client.get(unknown["Location"]).content
    assert done_known == done_unknown
    # The unknown address is told there is no account, never a reset link.
    to_unknown = last_mail_to("nobody@example.org")
    assert "/accounts/password/reset/key/" not in to_unknown.body


def test_reset_requests_are_rate_limited_per_address(client, reader):
    for _attempt in range(5):
        assert request_reset(client).status_code == 302
    sent = len(mail.outbox)
    response = request_reset(client)
    assert response.status_code == 429
    assert "Too many attempts" in response.content.decode()
    assert len(mail.outbox) == sent


def test_malformed_address_is_a_form_error_that_keeps_the_text(client):
    response = client.post(RESET, {"email": "ada(at)example"})
    assert response.status_code == 200
    assert "Enter a valid email address." in response.content.decode()
    assert 'value="ada(at)example"' in response.content.decode()
