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
            "version": page.version,
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


def page_form(page, **changes) -> dict:
    return {
        "title": page.title,
        "body": page.body,
        "slug": page.slug,
        "version": page.version,
        "action": "save",
        **changes,
    }


def test_a_page_autosaves_without_touching_what_readers_see(as_person, editor):
    page = PageFactory(title="About", slug="about", body="Published words.")
    client = as_person(editor)
    answer = client.post(
        f"/studio/pages/{page.pk}/autosave/",
        page_form(page, body="Typed, not saved."),
    )
    assert answer.status_code == 200
    assert answer.json()["state"] == "saved"
    page.refresh_from_db()
    assert page.body == "Published words."
    assert "Published words." in Client().get("/about/").content.decode()
    # Reopening offers the newer text, with a way to drop it.
    html = client.get(f"/studio/pages/{page.pk}/").content.decode()
    assert "Typed, not saved." in html
    assert "Discard my unsaved changes" in html
    client.post(f"/studio/pages/{page.pk}/discard/")
    assert (
        "Typed, not saved."
        not in client.get(f"/studio/pages/{page.pk}/").content.decode()
    )


def test_an_expired_session_keeps_the_page_text_until_the_editor_signs_in_again(
    client, editor
):
    page = PageFactory(title="About", slug="about", body="Published words.")
    address = f"/studio/pages/{page.pk}/"
    client.force_login(editor)
    client.logout()
    typed = page_form(page, body="Written while the session ran out.")
    response = client.post(address, typed)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert client.post(address + "autosave/", typed).status_code == 401
    client.force_login(editor)
    html = client.get(address).content.decode()
    assert "Written while the session ran out." in html
    assert "You were signed out while writing" in html
    page.refresh_from_db()
    assert page.body == "Published words."
    assert client.post(address, typed).status_code == 302
    page.refresh_from_db()
    assert page.body == "Written while the session ran out."
    # Kept once: the next visit shows the saved page, with no warning.
    assert "You were signed out" not in client.get(address).content.decode()


def test_a_page_save_from_an_older_version_shows_both_texts(as_person, editor):
    from meridian.studio.roles import EDITOR
    from tests.studio.conftest import _person

    other = _person(EDITOR, display_name="Ana Editor", username="ana-ed")
    page = PageFactory(title="About", slug="about", body="First.")
    opened = page.version
    as_person(other).post(f"/studio/pages/{page.pk}/", page_form(page, body="Theirs."))
    client = as_person(editor)
    response = client.post(
        f"/studio/pages/{page.pk}/", page_form(page, body="Mine.", version=opened)
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert "Theirs." in html
    assert "Mine." in html
    page.refresh_from_db()
    assert page.body == "Theirs."


def test_every_page_save_keeps_a_revision_that_can_be_compared_and_restored(
    as_person, editor
):
    page = PageFactory(title="About", slug="about", body="One.")
    client = as_person(editor)
    for body in ("Two.", "Three."):
        page.refresh_from_db()
        client.post(f"/studio/pages/{page.pk}/", page_form(page, body=body))
    first, second = page.revisions.filter(kind="saved").order_by("created_at", "id")
    assert (first.body, second.body) == ("Two.", "Three.")
    listing = client.get(f"/studio/pages/{page.pk}/revisions/").content.decode()
    assert "Restore" in listing
    compared = client.get(
        f"/studio/pages/{page.pk}/revisions/compare/",
        {"old": first.pk, "new": second.pk},
    )
    assert compared.status_code == 200
    assert "<del" in compared.content.decode()
    client.post(f"/studio/pages/{page.pk}/revisions/{first.pk}/restore/")
    page.refresh_from_db()
    assert page.body == "Two."
    assert page.revisions.filter(kind="saved").count() == 3


def test_page_autosave_and_revisions_are_for_page_editors_only(as_person, writer):
    page = PageFactory(slug="about")
    client = as_person(writer)
    assert client.post(f"/studio/pages/{page.pk}/autosave/", {}).status_code == 403
    assert client.get(f"/studio/pages/{page.pk}/revisions/").status_code == 403
    assert client.post(f"/studio/pages/{page.pk}/preview/", {}).status_code == 403


def test_a_picture_goes_into_a_page_without_javascript_and_no_word_is_lost(
    as_person, editor, library_image
):
    image = library_image(alt="The waiting room")
    page = PageFactory(title="About", slug="about", body="Saved.")
    client = as_person(editor)
    response = client.post(
        f"/studio/pages/{page.pk}/",
        page_form(page, body="Typed words.", action="pick_image"),
    )
    assert response["Location"] == f"/studio/pages/{page.pk}/pictures/?for=body"
    picker = client.get(response["Location"]).content.decode()
    assert "Choose a picture for the text" in picker
    assert "Choose the featured image" not in picker
    chosen = client.post(
        f"/studio/pages/{page.pk}/pictures/", {"image": image.pk, "for": "featured"}
    )
    assert chosen["Location"] == f"/studio/pages/{page.pk}/#id_body"
    html = client.get(f"/studio/pages/{page.pk}/").content.decode()
    assert "Typed words.\n\n![The waiting room](/media/library/" in html
    page.refresh_from_db()
    assert page.body == "Saved."
