"""Download my data and delete my account, through the core privacy registry."""

import io
import json

import pytest
from allauth.account.models import EmailAddress

from meridian.accounts.models import User
from meridian.core import privacy

from .conftest import PASSWORD, login

pytestmark = pytest.mark.django_db

DELETE = "/accounts/profile/delete/"


@pytest.fixture
def notebook():
    """A test-only app's contribution: notes kept per user, erased on request."""
    notes = {}
    erased = []

    def export(user):
        return notes.get(user.pk, [])

    def erase(user):
        erased.append(user.pk)
        notes.pop(user.pk, None)

    privacy.register_exporter("notebook", export)
    privacy.register_eraser("notebook", erase)
    privacy.describe(
        "notebook", "Your notes", lambda: "Your notes are torn out.", order=15
    )
    yield notes, erased
    privacy.unregister("notebook")


@pytest.fixture
def signed_in(client, reader):
    login(client, "ada")
    return client


def test_registry_gathers_every_contribution(reader, notebook):
    notes, _erased = notebook
    notes[reader.pk] = ["first note"]
    data = privacy.export_user_data(reader)
    assert data["notebook"] == ["first note"]
    assert data["profile"]["display_name"] == "Ada Reader"
    assert data["email_addresses"] == [
        {"email": "ada@example.org", "verified": True, "primary": True}
    ]


def test_registry_runs_every_eraser(reader, notebook):
    _notes, erased = notebook
    privacy.erase_user_data(reader)
    assert erased == [reader.pk]
    assert not EmailAddress.objects.filter(user=reader).exists()


def test_download_my_data_is_one_json_file(signed_in, reader, notebook):
    notes, _erased = notebook
    notes[reader.pk] = ["a note with ünïcode"]
    response = signed_in.get("/accounts/profile/data/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="ada-data.json"'
    data = json.loads(response.content)
    assert data["site"] == "Meridian Journal"
    assert data["profile"]["username"] == "ada"
    assert data["notebook"] == ["a note with ünïcode"]
    assert "password" not in json.dumps(data["profile"])


def test_download_needs_a_login(client):
    assert client.get("/accounts/profile/data/").status_code == 302


def test_the_data_page_lists_what_each_app_described(signed_in, notebook):
    html = signed_in.get(DELETE).content.decode()
    held = html[html.index("Download your data") : html.index("Download my data")]
    assert held.index("Your profile") < held.index("Your notes")
    start = html.index("cannot be undone")
    consequences = html[start : html.index("<form", start)]
    assert "Your profile, picture, email addresses" in consequences
    assert "Your notes are torn out." in consequences


def test_wrong_password_deletes_nothing(signed_in, reader, notebook):
    _notes, erased = notebook
    response = signed_in.post(DELETE, {"password": "not it"})
    assert response.status_code == 200
    assert "That is not your current password." in response.content.decode()
    assert "not it" not in response.content.decode()
    assert User.objects.filter(pk=reader.pk).exists()
    assert erased == []


def test_delete_my_account(signed_in, reader, notebook):
    _notes, erased = notebook
    response = signed_in.post(DELETE, {"password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert not User.objects.filter(pk=reader.pk).exists()
    assert not EmailAddress.objects.filter(email="ada@example.org").exists()
    assert erased == [reader.pk]
    assert not signed_in.get("/").context["user"].is_authenticated
    assert login(signed_in, "ada").status_code == 200  # the account is gone


def test_an_app_can_hold_the_deletion_back(signed_in, reader, notebook):
    _notes, erased = notebook
    privacy.register_deletion_check("notebook", lambda user: "Notes are still open.")
    response = signed_in.post(DELETE, {"password": PASSWORD})
    assert response.status_code == 200
    assert "Notes are still open." in response.content.decode()
    assert erased == []
    assert User.objects.filter(pk=reader.pk).exists()
    assert EmailAddress.objects.filter(email="ada@example.org").exists()
    assert signed_in.get("/").context["user"] == reader


def test_export_holds_names_sessions_and_subscriptions(signed_in, reader):
    reader.first_name = "Ada"
    reader.last_name = "Lovelace"
    reader.save()
    data = json.loads(signed_in.get("/accounts/profile/data/").content)
    assert data["profile"]["first_name"] == "Ada"
    assert data["profile"]["last_name"] == "Lovelace"
    assert data["profile"]["email"] == "ada@example.org"
    assert len(data["sessions"]) == 1
    assert data["sessions"][0]["expires"]
    assert "subscriptions" in data


def test_deletion_signs_out_every_browser_and_erases_saved_mail(
    signed_in, reader, settings, tmp_path
):
    from django.contrib.sessions.models import Session
    from django.core.mail import EmailMessage
    from django.test import Client

    from meridian.core.development_mail import DevelopmentEmailBackend

    settings.EMAIL_FILE_PATH = tmp_path / "mail"

    backend = DevelopmentEmailBackend()
    backend.console.stream = io.StringIO()
    backend.send_messages(
        [
            EmailMessage("Reset", "link", to=["Ada <ADA@example.org>"]),
            EmailMessage("Other", "text", to=["bea@example.org"]),
        ]
    )
    phone = Client()
    login(phone, "ada")
    assert Session.objects.count() == 2
    response = signed_in.post(DELETE, {"password": PASSWORD})
    assert response.status_code == 302
    # Both browsers' sessions are gone, not only this one's.
    assert not [
        s for s in Session.objects.all() if s.get_decoded().get("_auth_user_id")
    ]
    assert not phone.get("/accounts/profile/").wsgi_request.user.is_authenticated
    left = sorted(path.name for path in (tmp_path / "mail").iterdir())
    assert len(left) == 1
    assert "Other" in left[0]
