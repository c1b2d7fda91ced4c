"""Subscriptions in a person's data export, and erased with the account."""

import json

import pytest
from allauth.account.models import EmailAddress
from django.utils import timezone

from meridian.core import privacy
from meridian.subscribers.models import Delivery, Mailing, Subscriber
from tests.factories import CategoryFactory, UserFactory

from .conftest import make_subscriber

pytestmark = pytest.mark.django_db


@pytest.fixture
def reader(db):
    user = UserFactory(username="ada", email="ada@example.org")
    EmailAddress.objects.create(
        user=user, email="ada@example.org", verified=True, primary=True
    )
    return user


def test_export_holds_the_subscription_made_before_the_account(reader, post):
    subscriber = make_subscriber("ADA@example.org".lower(), frequency="weekly")
    subscriber.all_categories = False
    subscriber.save()
    subscriber.categories.add(CategoryFactory(name="Herbs", slug="herbs"))
    mailing = Mailing.objects.create(kind=Mailing.Kind.ARTICLE, post=post)
    Delivery.objects.create(
        mailing=mailing, subscriber=subscriber, status=Delivery.Status.SENT
    )
    make_subscriber("someone-else@example.org")
    data = privacy.export_user_data(reader)["subscriptions"]
    json.dumps(data)  # ready for the download
    [item] = data
    assert item["email"] == "ada@example.org"
    assert item["sends"] == "weekly"
    assert item["categories"] == ["Herbs"]
    assert len(item["emails_sent"]) == 1
    assert "Needles, explained" in item["emails_sent"][0]["sent"]


def test_erasing_the_account_erases_the_subscription(reader, post):
    subscriber = make_subscriber("ada@example.org", user=reader)
    mailing = Mailing.objects.create(kind=Mailing.Kind.ARTICLE, post=post)
    Delivery.objects.create(mailing=mailing, subscriber=subscriber)
    other = make_subscriber("bob@example.org", confirmed_at=timezone.now())
    privacy.erase_user_data(reader)
    assert list(Subscriber.objects.all()) == [other]
    assert not Delivery.objects.exists()


def test_deleting_my_account_from_the_profile_erases_it(client, reader):
    make_subscriber("ada@example.org")
    client.force_login(reader)
    page = client.get("/accounts/profile/delete/")
    assert "Your email subscriptions end and are deleted." in page.content.decode()
    client.post(
        "/accounts/profile/delete/",
        {"password": "correct horse battery staple", "confirm": "on"},
    )
    assert not Subscriber.objects.exists()
