"""Administrators: the count and growth, the send log, CSV export and import."""

import csv
import io

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from meridian.subscribers.importing import import_subscribers
from meridian.subscribers.models import Mailing, Subscriber
from tests.factories import UserFactory

from .conftest import make_subscriber

pytestmark = pytest.mark.django_db

LIST = "/admin/subscribers/subscriber/"


@pytest.fixture
def admin_client(client, no_staff_2fa):
    client.force_login(
        UserFactory(email="boss@example.org", is_staff=True, is_superuser=True)
    )
    return client


def upload(text: str, name="list.csv"):
    return SimpleUploadedFile(name, text.encode(), content_type="text/csv")


def test_the_list_shows_counts_and_growth(admin_client):
    make_subscriber("a@example.org")
    make_subscriber("b@example.org", frequency="weekly")
    Subscriber.objects.create(email="c@example.org")
    page = admin_client.get(LIST).content.decode()
    assert "2 confirmed (1 get each article, 1 the weekly digest); 1 waiting" in page
    assert "New confirmed subscribers per week" in page
    assert "Export CSV" in page
    assert "Import CSV" in page


def test_export_is_the_whole_list_and_spreadsheet_safe(admin_client):
    make_subscriber("a@example.org")
    make_subscriber("=cmd|calc@example.org")
    response = admin_client.get(LIST + "export/")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0][0] == "email"
    assert sorted(row[0] for row in rows[1:]) == [
        "'=cmd|calc@example.org",
        "a@example.org",
    ]


def test_import_asks_new_addresses_to_confirm(
    admin_client, django_capture_on_commit_callbacks
):
    make_subscriber("known@example.org")
    text = (
        "Name,Email\nAna,new@example.org\nBob,not-an-address\nKnown,KNOWN@example.org\n"
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(LIST + "import/", {"file": upload(text)})
    page = response.content.decode()
    assert response.status_code == 200  # a bad line: the report stays on screen
    assert "1 added, 1 already on the list, 1 lines could not be used" in page
    assert "not-an-address" in page
    new = Subscriber.objects.get(email="new@example.org")
    assert not new.is_confirmed
    assert new.source == "import"
    [message] = mail.outbox
    assert message.to == ["new@example.org"]
    assert "/subscribe/confirm/" in message.body
    assert "moving its email list" in message.body
    assert Mailing.objects.get().kind == "confirmation"


def test_import_as_confirmed_needs_and_records_the_statement(admin_client):
    refused = admin_client.post(
        LIST + "import/", {"file": upload("a@example.org\n"), "already_confirmed": "on"}
    )
    assert "Say how these people confirmed" in refused.content.decode()
    assert not Subscriber.objects.exists()
    response = admin_client.post(
        LIST + "import/",
        {
            "file": upload("a@example.org\n"),
            "already_confirmed": "on",
            "consent_note": "Opted in on the old list service",
        },
    )
    assert response.status_code == 302
    subscriber = Subscriber.objects.get()
    assert subscriber.is_confirmed
    assert subscriber.consent_note == "Opted in on the old list service"
    assert mail.outbox == []


def test_a_hundred_thousand_lines_with_bad_ones(tmp_path):
    lines = ["email"]
    for n in range(100_000):
        lines.append(f"reader{n}@example.org" if n % 1000 else f"bad line {n}")
    lines.append("reader5@example.org")  # a duplicate
    data = io.BytesIO("\n".join(lines).encode())
    report = import_subscribers(data, confirmed=True, consent_note="Old list")
    assert report.created == 99_900
    assert report.bad == 100
    assert len(report.problems) == 50
    assert report.problems[0] == (2, "not an email address: 'bad line 0'")
    assert Subscriber.objects.count() == 99_900


def test_binary_garbage_and_a_huge_field_are_reported_not_raised():
    data = io.BytesIO(
        b"\xff\xfe\x00garbage\n" + b'"' + b"x" * 200_000 + b'"\nok@example.org\n'
    )
    report = import_subscribers(data, confirmed=True, consent_note="x")
    assert report.created == 1
    assert report.bad >= 1


def test_the_send_log(admin_client, post):
    Mailing.objects.create(kind=Mailing.Kind.ARTICLE, post=post)
    page = admin_client.get("/admin/subscribers/mailing/").content.decode()
    assert "Needles, explained" in page
