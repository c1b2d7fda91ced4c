"""Email goes through the task layer: never blocks or breaks a request."""

import logging

import pytest
from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.core.mail.backends.base import BaseEmailBackend

from meridian.accounts.models import User
from meridian.core import email as core_email

from . import failing_backend
from .conftest import LINK, last_mail_to, signup

pytestmark = pytest.mark.django_db


@pytest.fixture
def mail_server_down(settings):
    settings.EMAIL_BACKEND = "tests.accounts.failing_backend.FailingBackend"
    failing_backend.attempts.clear()
    return failing_backend.attempts


def test_account_is_created_when_the_mail_server_is_down(
    client, mail_server_down, caplog
):
    with caplog.at_level(logging.ERROR, logger="meridian.core.email"):
        response = signup(client)
    assert response.status_code == 302
    assert User.objects.filter(email="new@example.org").exists()
    # Tried, retried a bounded number of times, then logged — never raised.
    assert len(mail_server_down) == core_email.MAX_ATTEMPTS
    assert "Gave up sending" in caplog.text


def test_a_send_that_fails_once_is_retried(
    settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.accounts.test_email.FlakyBackend"
    FlakyBackend.failures_left = 1
    message = EmailMultiAlternatives("Hello", "Body", to=["ada@example.org"])
    message.attach_alternative("<p>Body</p>", "text/html")
    with django_capture_on_commit_callbacks(execute=True):
        core_email.send_email(message)
    assert FlakyBackend.sent == [("Hello", "Body", "<p>Body</p>")]


class FlakyBackend(BaseEmailBackend):
    failures_left = 0
    sent: list = []

    def send_messages(self, messages):
        if FlakyBackend.failures_left:
            FlakyBackend.failures_left -= 1
            raise ConnectionRefusedError("try again later")
        FlakyBackend.sent.extend(
            (m.subject, m.body, m.alternatives[0][0]) for m in messages
        )
        return len(messages)


def test_nothing_is_sent_when_the_transaction_rolls_back(
    django_capture_on_commit_callbacks,
):
    from django.db import transaction

    message = EmailMultiAlternatives("Never", "Body", to=["ada@example.org"])
    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                core_email.send_email(message)
                raise RuntimeError("the request failed")
        except RuntimeError:
            pass
    assert mail.outbox == []


def test_queue_backend_defers_retries_with_backoff(settings, mail_server_down):
    """With the database queue, a failed send is queued again for later."""
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    result = core_email.send_email_task.call(
        subject="Hello", body="Body", to=["ada@example.org"]
    )
    assert result is False
    retry = DBTaskResult.objects.get()
    assert retry.args_kwargs["kwargs"]["attempt"] == 2
    assert retry.run_after is not None


def test_confirmation_email_is_branded_html_and_text(client, settings):
    signup(client)
    message = last_mail_to("new@example.org")
    assert message.subject == "Meridian Journal: Please Confirm Your Email Address"
    assert message.body.startswith("Hello from Meridian Journal,")
    # The confirmation link and the signature point at the same site.
    assert f"{settings.SITE_URL}/accounts/confirm-email/" in message.body
    assert message.body.rstrip().endswith(f"— Meridian Journal\n{settings.SITE_URL}")
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert "Confirm my email address" in html
    assert "/accounts/confirm-email/" in html


def test_every_allauth_email_gets_an_html_part(client, reader):
    """Emails without their own HTML template use the site's layout."""
    from .conftest import login

    login(client, "ada")
    client.post(
        "/accounts/password/change/",
        {
            "oldpassword": "correct horse battery staple",
            "password1": "violet kettle orbit 42",
            "password2": "violet kettle orbit 42",
        },
    )
    message = last_mail_to("ada@example.org")
    assert "Password" in message.subject
    html, _mimetype = message.alternatives[0]
    assert "<p>" in html
    assert "Meridian Journal" in html


def test_every_link_in_every_account_email_names_the_site_url(client, settings, reader):
    """Not the Host and port the request came in on (allauth's default)."""
    from .conftest import login

    settings.SITE_URL = "https://journal.clinic.example"
    client.defaults["HTTP_HOST"] = "localhost:9999"
    signup(client)  # confirmation
    signup(client, email="ada@example.org")  # "you already have an account"
    client.post("/accounts/password/reset/", {"email": "ada@example.org"})
    client.post("/accounts/password/reset/", {"email": "nobody@example.org"})
    login(client, "ada")
    client.post(
        "/accounts/password/change/",
        {
            "oldpassword": "correct horse battery staple",
            "password1": "violet kettle orbit 42",
            "password2": "violet kettle orbit 42",
        },
    )
    assert len(mail.outbox) >= 5
    for message in mail.outbox:
        html = message.alternatives[0][0]
        links = LINK.findall(message.body) + LINK.findall(html)
        assert links, message.subject
        for link in links:
            assert (link + "/").startswith("https://journal.clinic.example/"), (
                message.subject,
                link,
            )


def test_with_the_database_queue_the_request_only_enqueues(client, settings):
    """The request stores a task; a worker sends the email later."""
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    response = signup(client)
    assert response.status_code == 302
    assert mail.outbox == []
    queued = DBTaskResult.objects.get()
    kwargs = queued.args_kwargs["kwargs"]
    assert kwargs["to"] == ["new@example.org"]
    assert "/accounts/confirm-email/" in kwargs["html"]
    assert core_email.send_email_task.call(**kwargs) is True
    assert last_mail_to("new@example.org").subject.startswith("Meridian Journal: ")
