"""Staff email an article: preview, a test to themselves, the send and its log."""

import pytest
from django.core import mail

from meridian.subscribers.models import Mailing
from tests.factories import PostFactory, UserFactory

from .conftest import make_subscriber

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(no_staff_2fa):
    return UserFactory(email="editor@example.org", is_staff=True, is_superuser=True)


@pytest.fixture
def staff_client(client, editor):
    client.force_login(editor)
    return client


def url(post, part=""):
    return f"/subscribe/staff/articles/{post.pk}/{part}"


def test_readers_and_plain_staff_may_not(client, post, no_staff_2fa):
    assert client.get(url(post)).status_code == 302  # to the login page
    client.force_login(UserFactory(is_staff=True))
    assert client.get(url(post)).status_code == 403
    assert client.post(url(post), {"action": "send"}).status_code == 403


def test_a_first_send_is_ticked_and_goes_to_subscribers(staff_client, post):
    make_subscriber("ana@example.org")
    page = staff_client.get(url(post)).content.decode()
    assert 'name="email_subscribers" id="email-subscribers" checked' in page
    assert "Needles, explained" in page  # the preview's subject
    response = staff_client.post(
        url(post), {"action": "send", "email_subscribers": "on"}
    )
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [["ana@example.org"]]
    page = staff_client.get(url(post)).content.decode()
    assert "0 queued, 1 sent, 0 failed" in page
    # An update: the box is no longer ticked, and an unticked send sends nothing.
    assert 'id="email-subscribers">' in page
    staff_client.post(url(post), {"action": "send"})
    assert len(mail.outbox) == 1


def test_publish_and_email_a_draft(staff_client):
    make_subscriber("ana@example.org")
    draft = PostFactory(status="draft", published_at=None, title="Spring herbs")
    staff_client.post(url(draft), {"action": "publish", "email_subscribers": "on"})
    draft.refresh_from_db()
    assert draft.is_public
    assert [m.subject for m in mail.outbox] == ["Spring herbs"]


def test_a_test_goes_to_me_only(staff_client, post, editor):
    make_subscriber("ana@example.org")
    staff_client.post(url(post), {"action": "test"})
    [message] = mail.outbox
    assert message.to == [editor.email]
    assert message.subject == "[Test] Needles, explained"
    assert "This is a test" in message.body
    assert not Mailing.objects.exists()


def test_the_html_preview(staff_client, post):
    response = staff_client.get(url(post, "preview/"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1" in html
    assert "Needles, explained" in html
    assert "'unsafe-inline'" in response["Content-Security-Policy"]


def test_the_list_shows_each_articles_log(staff_client, post):
    Mailing.objects.create(kind=Mailing.Kind.ARTICLE, post=post)
    page = staff_client.get("/subscribe/staff/").content.decode()
    assert "Needles, explained" in page
    assert "0 queued, 0 sent, 0 failed" in page
