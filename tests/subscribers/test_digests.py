"""The weekly digest: at the time in Site settings, only in weeks with articles."""

import datetime
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command

from meridian.core.models import SiteSettings
from meridian.subscribers.digests import latest_period, start_weekly_digest
from meridian.subscribers.models import Mailing
from tests.factories import CategoryFactory, PostFactory
from tests.helpers import configure_site

from .conftest import make_subscriber

pytestmark = pytest.mark.django_db

# Wednesday 2026-11-25, 09:00 UTC; the digest goes out on Wednesdays at 08:30.
NOW = datetime.datetime(2026, 11, 25, 9, 0, tzinfo=datetime.UTC)


@pytest.fixture
def schedule(db):
    return configure_site(
        digest_weekday=SiteSettings.Weekday.WEDNESDAY,
        digest_time=datetime.time(8, 30),
    )


def test_the_period_ends_at_the_latest_scheduled_time(schedule):
    start, end = latest_period(NOW)
    assert end == datetime.datetime(2026, 11, 25, 8, 30, tzinfo=datetime.UTC)
    assert start == end - timedelta(days=7)
    before = latest_period(NOW - timedelta(hours=1))[1]
    assert before == end - timedelta(days=7)


def test_the_digest_lists_the_weeks_articles_by_choice(
    schedule, django_capture_on_commit_callbacks
):
    herbs = CategoryFactory(name="Herbs", slug="herbs")
    sleep = CategoryFactory(name="Sleep", slug="sleep")
    PostFactory(title="Old news", published_at=NOW - timedelta(days=9))
    PostFactory(
        title="Ginger tea", category=herbs, published_at=NOW - timedelta(days=2)
    )
    PostFactory(
        title="Night routines", category=sleep, published_at=NOW - timedelta(days=3)
    )
    make_subscriber("all@example.org", frequency="weekly")
    herbal = make_subscriber(
        "herbs@example.org", frequency="weekly", all_categories=False
    )
    herbal.categories.add(herbs)
    make_subscriber("each@example.org")  # gets articles one by one, not the digest
    with (
        time_machine.travel(NOW, tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        mailing = start_weekly_digest()
    assert mailing is not None
    bodies = {m.to[0]: m.body for m in mail.outbox}
    assert sorted(bodies) == ["all@example.org", "herbs@example.org"]
    assert "Ginger tea" in bodies["all@example.org"]
    assert "Night routines" in bodies["all@example.org"]
    assert "Old news" not in bodies["all@example.org"]
    assert "Ginger tea" in bodies["herbs@example.org"]
    assert "Night routines" not in bodies["herbs@example.org"]
    assert mail.outbox[0].subject == "This week at Meridian Journal"
    assert mail.outbox[0].extra_headers["List-Unsubscribe-Post"]


def test_once_a_week_and_never_in_a_week_without_articles(
    schedule, django_capture_on_commit_callbacks
):
    make_subscriber("all@example.org", frequency="weekly")
    with time_machine.travel(NOW, tick=False):
        assert start_weekly_digest() is None  # nothing published this week
        PostFactory(published_at=NOW - timedelta(days=1))
        with django_capture_on_commit_callbacks(execute=True):
            assert start_weekly_digest() is not None
            assert start_weekly_digest() is None  # already sent
    assert len(mail.outbox) == 1
    assert Mailing.objects.count() == 1


def test_a_digest_missed_by_half_a_day_is_not_sent_late(schedule):
    make_subscriber("all@example.org", frequency="weekly")
    PostFactory(published_at=NOW - timedelta(days=1))
    with time_machine.travel(NOW + timedelta(days=1), tick=False):
        assert start_weekly_digest() is None


def test_the_tick_command_starts_the_digest(
    schedule, django_capture_on_commit_callbacks
):
    make_subscriber("all@example.org", frequency="weekly")
    PostFactory(published_at=NOW - timedelta(days=1))
    with (
        time_machine.travel(NOW, tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        call_command("subscribers_tick", verbosity=0)
    assert len(mail.outbox) == 1
