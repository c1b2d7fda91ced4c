"""Fixtures for the subscription tests: a committing client, subscribers, links."""

import re

import pytest
from django.core.cache import cache
from django.utils import timezone

from meridian.core.models import CACHE_KEY, SiteSettings
from meridian.subscribers.models import Subscriber

LINK = re.compile(r"http://127\.0\.0\.1:8000(/[^\s\"<>]*)")


@pytest.fixture
def client(committing_client):
    return committing_client


def link_in(message, part: str) -> str:
    """Return the site path of the first link in a message containing `part`."""
    return next(path for path in LINK.findall(message.body) if part in path)


def make_subscriber(email="ana@example.org", **fields) -> Subscriber:
    fields.setdefault("confirmed_at", timezone.now())
    return Subscriber.objects.create(email=email, **fields)


@pytest.fixture
def subscriber(db):
    return make_subscriber()


@pytest.fixture
def no_staff_2fa(db):
    """Let staff in without two-factor (it has its own tests in accounts)."""
    SiteSettings.current()
    SiteSettings.objects.filter(pk=1).update(staff_require_2fa=False)
    cache.delete(CACHE_KEY)
