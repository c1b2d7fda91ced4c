"""Pages in the Studio: editors write them; a new page is a draft until published."""

import pytest
from django.test import Client

from meridian.journal.models import Page
from tests.factories import PageFactory

pytestmark = pytest.mark.django_db


def test_a_new_page_is_a_draft_until_published(as_person, editor):
    client = as_person(editor)
    response = client.post(
        "/studio/pages/new/", {"title": "Opening hours", "body": "Mon–Fri.", "slug": ""}
    )
    page = Page.objects.get(title="Opening hours")
    assert response["Location"] == f"/studio/pages/{page.pk}/"
    assert not page.published
    assert page.slug == "opening-hours"
    assert Client().get("/opening-hours/").status_code == 404
    client.post(
        f"/studio/pages/{page.pk}/",
        {
            "title": "Opening hours",
            "body": "Mon–Fri.",
            "slug": page.slug,
            "action": "publish",
        },
    )
    assert Client().get("/opening-hours/").status_code == 200


def test_a_page_without_a_title_is_explained(as_person, editor):
    response = as_person(editor).post(
        "/studio/pages/new/", {"title": "", "body": "Kept words", "slug": ""}
    )
    assert response.status_code == 400
    assert "Give the page a title" in response.content.decode()
    assert "Kept words" in response.content.decode()


def test_page_preview_uses_the_readers_rendering(as_person, editor):
    page = PageFactory(slug="about")
    response = as_person(editor).post(
        f"/studio/pages/{page.pk}/",
        {"title": "About", "body": "## Team", "slug": "about", "action": "preview"},
    )
    assert '<h2 id="team">Team</h2>' in response.content.decode()


@pytest.mark.parametrize(("role", "status"), [("writer", 403), ("reader", 403)])
def test_authors_and_readers_do_not_edit_pages(request, as_person, role, status):
    page = PageFactory(slug="about")
    client = as_person(request.getfixturevalue(role))
    assert client.get("/studio/pages/").status_code == status
    assert client.get(f"/studio/pages/{page.pk}/").status_code == status
    assert client.post("/studio/pages/new/", {"title": "X"}).status_code == status
