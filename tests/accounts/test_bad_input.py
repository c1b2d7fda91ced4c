"""Odd and hostile input to the account pages: a clear answer, never a 500."""

import pytest

from .conftest import login

pytestmark = pytest.mark.django_db

# Each odd link and the answer it gets once redirects are followed.
ODD_URLS = [
    # Keys that are not valid: allauth's own reset and confirmation pages answer.
    ("/accounts/password/reset/key/" + "z" * 60 + "-set-password/", 200),
    ("/accounts/password/reset/key/0-0/", 200),
    # Not a key that allauth's URL pattern accepts.
    ("/accounts/password/reset/key/%F0%9F%98%80-%E2%80%AE/", 404),
    ("/accounts/confirm-email/" + "A" * 500 + "/", 200),
    # NUL in a path is refused before any view (core.middleware).
    ("/accounts/confirm-email/%00/", 400),
    # Both login doors keep readers on the site, whatever `next` says.
    ("/admin/login/?next=https://evil.example/", 200),
    ("/accounts/login/?next=//evil.example/", 200),
]


@pytest.mark.parametrize(("url", "status"), ODD_URLS)
def test_odd_links_never_fail(client, url, status):
    response = client.get(url, follow=True)
    assert response.status_code == status
    for location, _status in response.redirect_chain:
        assert "evil.example" not in location


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"login": ["a", "b"], "password": ["c", "d"]},
        {"login": "\x00", "password": "\x00"},
        {"login": "😀" * 5000, "password": "x"},
    ],
)
def test_odd_login_posts_are_form_errors(client, data):
    response = client.post("/accounts/login/", data)
    assert response.status_code == 200
    assert response.context["form"].errors


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"email": "\x00@example.org", "display_name": "x", "password1": "a"},
        {
            "email": "a@b",
            "display_name": "\u200f\u200e",
            "password1": "p",
            "password2": "p",
        },
        {"email": "ok@example.org", "display_name": "A\x00B", "password1": "q"},
    ],
)
def test_odd_signup_posts_are_form_errors(client, data):
    response = client.post("/accounts/signup/", data)
    assert response.status_code == 200
    assert response.context["form"].errors


def test_odd_account_posts_never_fail(client, reader):
    login(client, "ada")
    for url, data in [
        ("/accounts/profile/", {"display_name": "\x00", "bio": "\x00"}),
        ("/accounts/profile/delete/", {}),
        ("/accounts/email/", {"action_add": "", "email": "x" * 10_000}),
        ("/accounts/password/change/", {"oldpassword": "\x00"}),
    ]:
        response = client.post(url, data)
        assert response.status_code == 200, url
    # Repeated fields take the last value; a POST to the download is refused.
    assert (
        client.post("/accounts/profile/", {"display_name": ["a", "b"]}).status_code
        == 302
    )
    assert client.post("/accounts/profile/data/").status_code == 405
