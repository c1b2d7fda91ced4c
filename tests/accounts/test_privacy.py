"""Download my data and delete my account, through the core privacy registry."""

import io
import json

import pytest
from allauth.account.models import EmailAddress

from meridian.accounts.models import User
from meridian.core import privacy
from meridian.core.models import SiteSettings
from tests.factories import PostFactory

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

    def erase(user, policy):
        erased.append((user.pk, policy))
        notes.pop(user.pk, None)

    privacy.register_exporter("notebook", export)
    privacy.register_eraser("notebook", erase)
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


def test_registry_erases_with_the_policy(reader, notebook):
    _notes, erased = notebook
    privacy.erase_user_data(reader, "anonymise")
    assert erased == [(reader.pk, "anonymise")]
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


@pytest.mark.parametrize(
    ("policy", "explanation"),
    [
        ("anonymise", "they are shown as from “A former reader”"),
        ("anonymise", "no moderator has published yet are deleted"),
        ("erase", "Every comment you have written on this site is deleted"),
    ],
)
def test_deletion_is_explained_before_confirmation(signed_in, policy, explanation):
    site = SiteSettings.current()
    site.comment_erasure = policy
    site.save()
    html = signed_in.get(DELETE).content.decode()
    assert explanation in html
    assert "cannot be undone" in html


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
    site = SiteSettings.current()
    site.comment_erasure = "erase"
    site.save()
    response = signed_in.post(DELETE, {"password": PASSWORD})
    assert response.status_code == 302
    assert not User.objects.filter(pk=reader.pk).exists()
    assert not EmailAddress.objects.filter(email="ada@example.org").exists()
    assert erased == [(reader.pk, "erase")]
    assert not signed_in.get("/").context["user"].is_authenticated
    assert login(signed_in, "ada").status_code == 200  # the account is gone


def test_an_author_is_told_why_the_account_cannot_be_deleted(signed_in, reader):
    PostFactory(author=reader)
    response = signed_in.post(DELETE, {"password": PASSWORD})
    assert response.status_code == 200
    assert "Please ask the clinic to give them another author" in (
        response.content.decode()
    )
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
