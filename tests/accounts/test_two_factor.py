"""Two-factor sign-in: for everyone, required of staff; operators' accounts."""

import time

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.core.management import call_command

from meridian.accounts.models import User
from meridian.core.models import SiteSettings
from meridian.journal.demo import load_demo
from tests.helpers import configure_site

from .conftest import PASSWORD, login

pytestmark = pytest.mark.django_db

ACTIVATE = "/accounts/2fa/totp/activate/"


def totp_code(secret: str) -> str:
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


@pytest.fixture
def staff(reader):
    reader.is_staff = True
    reader.save()
    return reader


def reauthenticate(client) -> None:
    """allauth asks for the password again before any two-factor change."""
    response = client.get(ACTIVATE)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/reauthenticate/")
    response = client.post(response["Location"], {"password": PASSWORD})
    assert response["Location"] == ACTIVATE


def enrol(client) -> None:
    reauthenticate(client)
    page = client.get(ACTIVATE)
    secret = page.context["form"].secret
    response = client.post(ACTIVATE, {"code": totp_code(secret)})
    assert response.status_code == 302


def test_authenticator_apps_name_the_clinic(client, reader):
    configure_site(name="Harbour Acupuncture", staff_require_2fa=False)
    login(client, "ada")
    reauthenticate(client)
    url = client.get(ACTIVATE).context["totp_url"]
    assert "issuer=Harbour%20Acupuncture" in url


def test_staff_are_led_to_enrol_at_login(client, staff):
    login(client, "ada")
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == ACTIVATE
    assert client.get("/admin/").status_code == 302
    page = client.get(ACTIVATE, follow=True)
    assert page.status_code == 200
    assert "must use two-factor sign-in" in page.content.decode()
    enrol(client)
    assert Authenticator.objects.filter(user=staff, type="totp").exists()
    assert client.get("/").status_code == 200
    assert client.get("/admin/").status_code == 200


def test_enrolled_staff_need_their_second_factor_to_log_in(client, staff):
    login(client, "ada")
    enrol(client)
    codes = RecoveryCodes(
        Authenticator.objects.get(user=staff, type="recovery_codes")
    ).get_unused_codes()
    client.post("/accounts/logout/")
    response = login(client, "ada")
    assert response["Location"] == "/accounts/2fa/authenticate/"
    assert not client.get("/").context["user"].is_authenticated
    response = client.post("/accounts/2fa/authenticate/", {"code": "000000"})
    assert response.status_code == 200
    assert not client.get("/").context["user"].is_authenticated
    client.post("/accounts/2fa/authenticate/", {"code": codes[0]})
    assert client.get("/").context["user"] == staff


def test_readers_may_use_two_factor_but_are_not_pushed(client, reader):
    login(client, "ada")
    assert client.get("/").status_code == 200
    assert client.get("/accounts/2fa/").status_code == 200
    enrol(client)
    assert Authenticator.objects.filter(user=reader, type="totp").exists()


def test_staff_enrolment_can_be_switched_off(client, staff):
    configure_site(staff_require_2fa=False)
    login(client, "ada")
    assert client.get("/").status_code == 200


def test_enrolling_staff_may_still_log_out(client, staff):
    login(client, "ada")
    response = client.post("/accounts/logout/")
    assert response.status_code == 302
    assert not client.get("/").context["user"].is_authenticated


def test_createsuperuser_accounts_can_log_in_at_once(client, monkeypatch):
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", PASSWORD)
    call_command(
        "createsuperuser",
        interactive=False,
        username="operator",
        email="operator@clinic.example",
        verbosity=0,
    )
    operator = User.objects.get(username="operator")
    assert EmailAddress.objects.get(user=operator).verified
    response = login(client, "operator@clinic.example")
    assert response.status_code == 302
    # Signed in, and as staff led straight to two-factor enrolment.
    assert client.get("/")["Location"] == ACTIVATE


def test_the_demo_never_switches_staff_two_factor_off(client):
    # `meridian setup` loads the demo into an empty site: its admin, like any
    # staff member, must enrol before reaching the admin.
    report = load_demo()
    assert SiteSettings.current().staff_require_2fa is True
    login(client, "admin", password=report.staff_password)
    assert client.get("/admin/")["Location"] == ACTIVATE


def test_make_runs_local_demo_may_relax_it_on_a_loopback_address(
    client, capsys, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("demo", local=True)
    out = capsys.readouterr().out
    assert "Two-factor sign-in is off for staff on this local demo" in out
    password = out.split("password '")[1].split("'")[0]
    assert SiteSettings.current().staff_require_2fa is False
    login(client, "admin", password=password)
    assert client.get("/admin/").status_code == 200


@pytest.mark.parametrize(
    "site_url", ["https://journal.clinic.example", "http://192.168.1.20:8000"]
)
def test_a_local_demo_on_a_public_address_keeps_it(client, capsys, settings, site_url):
    settings.SITE_URL = site_url
    call_command("demo", local=True)
    out = capsys.readouterr().out
    assert "two-factor sign-in (an authenticator app) when they first" in out
    password = out.split("password '")[1].split("'")[0]
    assert SiteSettings.current().staff_require_2fa is True
    login(client, "admin", password=password)
    assert client.get("/admin/")["Location"] == ACTIVATE


def test_a_public_site_requires_it_whatever_the_setting(client, staff, settings):
    settings.SITE_URL = "https://journal.clinic.example"
    configure_site(staff_require_2fa=False)
    login(client, "ada")
    assert client.get("/")["Location"] == ACTIVATE


def test_account_settings_pages_share_the_site_layout_and_menu(client, reader):
    login(client, "ada")
    reauthenticate(client)
    for url, current in (
        ("/accounts/profile/", "/accounts/profile/"),
        ("/accounts/email/", "/accounts/email/"),
        ("/accounts/password/change/", "/accounts/password/change/"),
        ("/accounts/2fa/", "/accounts/2fa/"),
        (ACTIVATE, "/accounts/2fa/"),
        ("/accounts/profile/delete/", "/accounts/profile/delete/"),
    ):
        html = client.get(url).content.decode()
        assert 'class="site-header"' in html, url
        assert "Account settings" in html, url
        assert f'href="{current}" aria-current="page"' in html, url
