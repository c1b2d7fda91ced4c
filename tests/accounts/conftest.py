"""Fixtures for the account flows: a client whose requests commit like real ones."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import MD5PasswordHasher
from django.core import mail

from tests.factories import UserFactory

PASSWORD = "correct horse battery staple"
NEW_PASSWORD = "violet kettle orbit 42"
LINK = re.compile(r"https?://[^\s\"<>]+")


@pytest.fixture
def client(committing_client):
    return committing_client


@pytest.fixture
def reader(db):
    """A registered reader whose address is confirmed."""
    user = UserFactory(
        username="ada", email="ada@example.org", display_name="Ada Reader"
    )
    EmailAddress.objects.create(
        user=user, email=user.email, verified=True, primary=True
    )
    return user


def link_in(message, path: str) -> str:
    """Return the first link in the email's plain text whose path contains `path`."""
    for url in LINK.findall(message.body):
        if path in url:
            return url
    raise AssertionError(f"no {path} link in: {message.body}")


def last_mail_to(address: str):
    for message in reversed(mail.outbox):
        if address in message.to:
            return message
    raise AssertionError(f"no email to {address}")


def signup(client, **fields):
    data = {
        "email": "new@example.org",
        "display_name": "New Reader",
        "password1": PASSWORD,
        "password2": PASSWORD,
        **fields,
    }
    return client.post("/accounts/signup/", data)


def login(client, login, password=PASSWORD, **extra):
    return client.post(
        "/accounts/login/", {"login": login, "password": password, **extra}
    )


def signed_in_user(client):
    """Return the person the site sees behind `client` (anonymous if none)."""
    return client.get("/").context["user"]


class CountingHasher(MD5PasswordHasher):
    """The test hasher, counting how many passwords it hashes."""

    calls = 0

    def encode(self, password, salt):
        CountingHasher.calls += 1
        return super().encode(password, salt)
