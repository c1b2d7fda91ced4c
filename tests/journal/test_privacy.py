"""An author's account stays while articles are signed with it."""

import pytest
from allauth.account.models import EmailAddress

from meridian.accounts.models import User
from tests.accounts.conftest import PASSWORD, login
from tests.factories import PostFactory

pytestmark = pytest.mark.django_db


def test_an_author_is_told_why_the_account_cannot_be_deleted(client):
    author = User.objects.create_user("ada", "ada@example.org", PASSWORD)
    EmailAddress.objects.create(
        user=author, email=author.email, verified=True, primary=True
    )
    PostFactory(author=author)
    login(client, "ada")
    response = client.post("/accounts/profile/delete/", {"password": PASSWORD})
    assert response.status_code == 200
    assert "Please ask the clinic to give them another author" in (
        response.content.decode()
    )
    assert User.objects.filter(pk=author.pk).exists()
    assert EmailAddress.objects.filter(email="ada@example.org").exists()
    assert client.get("/").context["user"] == author
