"""Subscribing with double opt-in, changing choices and leaving, over HTTP."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.test import Client
from django.utils import timezone

from meridian.subscribers.links import make_token
from meridian.subscribers.models import Subscriber
from tests.factories import CategoryFactory

from .conftest import link_in, make_subscriber

pytestmark = pytest.mark.django_db

SUBSCRIBE = "/subscribe/"


def test_a_new_address_gets_only_a_confirmation_until_it_confirms(client):
    response = client.post(SUBSCRIBE, {"email": "  Ana@Example.org "})
    assert response.status_code == 302
    page = client.get(response["Location"])
    assert "Check your inbox" in page.content.decode()
    subscriber = Subscriber.objects.get()
    assert subscriber.email == "ana@example.org"
    assert not subscriber.is_confirmed
    [message] = mail.outbox
    assert message.to == ["ana@example.org"]
    assert "Confirm your subscription" in message.subject
    html = message.alternatives[0][0]
    assert "Yes, send me new articles" in html

    confirm = link_in(message, "/subscribe/confirm/")
    asked = client.get(confirm)  # a mail scanner follows links: nothing happens
    assert asked.status_code == 200
    assert "Yes, send me new articles" in asked.content.decode()
    subscriber.refresh_from_db()
    assert not subscriber.is_confirmed

    done = client.post(confirm)
    assert done.status_code == 302
    subscriber.refresh_from_db()
    assert subscriber.is_confirmed
    choices = client.get(done["Location"])
    assert "Your email subscription" in choices.content.decode()
    assert len(mail.outbox) == 1  # no welcome mail, nothing else


def test_the_answer_is_the_same_whatever_the_address(client):
    make_subscriber("known@example.org")
    Subscriber.objects.create(email="waiting@example.org")
    answers = set()
    for email in ("known@example.org", "waiting@example.org", "new@example.org"):
        response = client.post(SUBSCRIBE, {"email": email})
        answers.add((response.status_code, response["Location"]))
    assert answers == {(302, "/subscribe/check-your-inbox/")}
    subjects = {m.to[0]: m.subject for m in mail.outbox}
    assert "already" not in subjects["new@example.org"]
    assert "Confirm" in subjects["waiting@example.org"]
    assert subjects["known@example.org"].startswith("Your subscription")
    assert "/subscribe/manage/" in mail.outbox[0].body
    assert Subscriber.objects.count() == 3


@pytest.mark.parametrize(
    "email",
    [
        "",
        "not an address",
        "ana@example.org\r\nBcc: everyone@example.org",
        "ana@example.org%0ABcc:x@example.org",
        "a" * 400 + "@example.org",
        "ana@exa\x00mple.org",
    ],
)
def test_a_bad_address_is_refused_with_the_text_kept(client, email):
    response = client.post(SUBSCRIBE, {"email": email})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Enter" in page
    assert "email address" in page
    assert not Subscriber.objects.exists()
    assert mail.outbox == []


def test_a_typed_address_is_kept_after_an_error(client):
    response = client.post(SUBSCRIBE, {"email": "ana@"})
    assert 'value="ana@"' in response.content.decode()


def test_a_post_from_another_site_is_refused(client):
    response = client.post(
        SUBSCRIBE,
        {"email": "ana@example.org"},
        headers={"Origin": "https://evil.example"},
    )
    assert response.status_code == 403
    assert not Subscriber.objects.exists()


def test_the_forms_work_without_a_csrf_token(client, post):
    strict = Client(enforce_csrf_checks=True)
    response = strict.post(
        SUBSCRIBE, {"email": "ana@example.org"}, headers={"Origin": "http://testserver"}
    )
    assert response.status_code == 302


def test_one_address_gets_few_emails_however_often_it_is_entered(client):
    for _ in range(6):
        assert client.post(SUBSCRIBE, {"email": "ana@example.org"}).status_code == 302
    assert len(mail.outbox) == 3  # "subscribe_address": 3/h per address


def test_one_ip_is_limited(client):
    statuses = [
        client.post(SUBSCRIBE, {"email": f"p{n}@example.org"}).status_code
        for n in range(12)
    ]
    assert statuses[:10] == [302] * 10
    assert statuses[10:] == [429, 429]


def test_an_expired_signup_is_gone_and_its_link_says_so(client):
    client.post(SUBSCRIBE, {"email": "ana@example.org"})
    confirm = link_in(mail.outbox[0], "/subscribe/confirm/")
    with time_machine.travel(timezone.now() + timedelta(days=8)):
        response = client.post(confirm)
        assert response.status_code == 400
        assert "expired" in response.content.decode()
        client.post(SUBSCRIBE, {"email": "other@example.org"})  # purges on the way
    assert list(Subscriber.objects.values_list("email", flat=True)) == [
        "other@example.org"
    ]


def test_a_tampered_link_does_nothing(client, subscriber):
    Subscriber.objects.filter(pk=subscriber.pk).update(confirmed_at=None)
    token = make_token(subscriber, "confirm")
    for bad in (token[:-2] + "xx", token.replace(":", ";"), "nonsense", "a" * 300):
        response = client.post(f"/subscribe/confirm/{bad}/")
        assert response.status_code == 400
    manage_as_confirm = make_token(subscriber, "manage")
    assert client.post(f"/subscribe/confirm/{manage_as_confirm}/").status_code == 400
    subscriber.refresh_from_db()
    assert not subscriber.is_confirmed


def test_a_replayed_confirmation_changes_nothing(client):
    client.post(SUBSCRIBE, {"email": "ana@example.org"})
    confirm = link_in(mail.outbox[0], "/subscribe/confirm/")
    client.post(confirm)
    first = Subscriber.objects.get().confirmed_at
    again = client.post(confirm)
    assert again.status_code == 302
    assert Subscriber.objects.get().confirmed_at == first


def test_choices_change_from_the_signed_link(client, subscriber):
    sleep = CategoryFactory(name="Sleep", slug="sleep")
    CategoryFactory(name="Herbs", slug="herbs")
    url = f"/subscribe/manage/{make_token(subscriber, 'manage')}/"
    page = client.get(url).content.decode()
    assert "Every new article" in page
    assert "Sleep" in page
    response = client.post(
        url, {"frequency": "weekly", "scope": "some", "categories": [sleep.pk]}
    )
    assert response.status_code == 200
    assert "Your choices are saved" in response.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.frequency == "weekly"
    assert not subscriber.all_categories
    assert list(subscriber.categories.all()) == [sleep]


def test_some_categories_but_none_ticked_is_refused(client, subscriber):
    CategoryFactory(name="Sleep", slug="sleep")
    url = f"/subscribe/manage/{make_token(subscriber, 'manage')}/"
    response = client.post(url, {"frequency": "each", "scope": "some"})
    assert response.status_code == 400
    assert "Choose at least one category" in response.content.decode()
    bad = client.post(url, {"frequency": "hourly", "scope": "everything"})
    assert bad.status_code == 400
    subscriber.refresh_from_db()
    assert subscriber.all_categories


def test_one_click_unsubscribe_as_mail_apps_do_it(client, subscriber):
    url = f"/subscribe/unsubscribe/{make_token(subscriber, 'unsubscribe')}/"
    mail_app = Client(enforce_csrf_checks=True)  # no cookie, no token
    response = mail_app.post(
        url,
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert not Subscriber.objects.exists()
    assert mail_app.post(url).status_code == 200  # a retry gets the same answer


def test_the_unsubscribe_link_asks_before_acting(client, subscriber):
    url = f"/subscribe/unsubscribe/{make_token(subscriber, 'unsubscribe')}/"
    page = client.get(url)
    assert page.status_code == 200
    assert Subscriber.objects.exists()
    assert "ana@example.org" in page.content.decode()


def test_lost_links_are_sent_again_to_subscribers_only(client, subscriber):
    for email in ("ana@example.org", "stranger@example.org"):
        response = client.post("/subscribe/manage/", {"email": email})
        assert response.status_code == 200
        assert "If this address is subscribed" in response.content.decode()
    [message] = mail.outbox
    assert message.to == ["ana@example.org"]
    assert link_in(message, "/subscribe/unsubscribe/")


def test_token_pages_are_never_cached(client, subscriber):
    url = f"/subscribe/manage/{make_token(subscriber, 'manage')}/"
    assert "no-store" in client.get(url)["Cache-Control"]
