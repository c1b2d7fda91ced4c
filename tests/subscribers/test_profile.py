"""Signed-in readers subscribe from their account in one click."""

import pytest
from allauth.account.models import EmailAddress
from django.core import mail

from meridian.subscribers.models import Subscriber
from tests.factories import CategoryFactory, UserFactory

pytestmark = pytest.mark.django_db

PROFILE = "/subscribe/profile/"


@pytest.fixture
def reader(db):
    user = UserFactory(username="ada", email="Ada@example.org")
    # allauth stores every address lower-cased (EmailAddressManager.add_email).
    EmailAddress.objects.create(
        user=user, email=user.email.lower(), verified=True, primary=True
    )
    return user


def test_a_reader_with_a_confirmed_address_subscribes_in_one_click(client, reader):
    client.force_login(reader)
    page = client.get(PROFILE).content.decode()
    assert "Ada@example.org" in page
    response = client.post(PROFILE, {"action": "subscribe"})
    assert response.status_code == 302
    subscriber = Subscriber.objects.get()
    assert subscriber.email == "ada@example.org"
    assert subscriber.user == reader
    assert subscriber.is_confirmed
    assert mail.outbox == []  # the address was proved when the account was made


def test_an_unproved_address_must_still_confirm(client):
    user = UserFactory(email="new@example.org")
    client.force_login(user)
    client.post(PROFILE, {"action": "subscribe"})
    assert not Subscriber.objects.get().is_confirmed
    [message] = mail.outbox
    assert "/subscribe/confirm/" in message.body


def test_choices_and_leaving_from_the_profile(client, reader):
    sleep = CategoryFactory(name="Sleep", slug="sleep")
    client.force_login(reader)
    client.post(PROFILE, {"action": "subscribe"})
    client.post(
        PROFILE,
        {
            "action": "choices",
            "frequency": "weekly",
            "scope": "some",
            "categories": [sleep.pk],
        },
    )
    subscriber = Subscriber.objects.get()
    assert subscriber.frequency == "weekly"
    assert list(subscriber.categories.all()) == [sleep]
    bad = client.post(PROFILE, {"action": "choices", "frequency": "never"})
    assert bad.status_code == 400
    client.post(PROFILE, {"action": "unsubscribe"})
    assert not Subscriber.objects.exists()


def test_the_account_panel_links_to_the_subscription(client, reader, post):
    client.force_login(reader)
    page = client.get(post.get_absolute_url()).content.decode()
    assert f'href="{PROFILE}"' in page


def test_guests_are_sent_to_log_in(client):
    response = client.get(PROFILE)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
