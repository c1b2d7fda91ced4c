"""The picture picker: chosen without JavaScript, no typed word lost; alt text first."""

import pytest

from meridian.journal.models import Post
from meridian.media.models import Image
from meridian.studio import picking
from tests.factories import PostFactory
from tests.media import pictures

from .conftest import edit_url

pytestmark = pytest.mark.django_db(transaction=False)


def picker_url(post) -> str:
    return f"/studio/articles/{post.pk}/pictures/"


def typed(post, **changes) -> dict:
    return {
        "title": "Typed title, never saved",
        "body": "Typed words.",
        "summary": "",
        "slug": post.slug,
        "tags": "",
        "comments_open": "on",
        "version": post.version,
        **changes,
    }


@pytest.fixture
def draft(writer):
    return PostFactory(
        author=writer,
        title="Sleep and needles",
        slug="sleep-and-needles",
        body="Saved words.",
        status=Post.Status.DRAFT,
        published_at=None,
    )


def test_inserting_a_picture_without_javascript_keeps_every_typed_word(
    as_person, writer, draft, library_image
):
    image = library_image(alt="The treatment room", caption="Our quiet room")
    client = as_person(writer)
    response = client.post(edit_url(draft), typed(draft, action="pick_image"))
    assert response.status_code == 302
    assert response["Location"] == f"{picker_url(draft)}?for=body"

    page = client.get(response["Location"])
    assert page.status_code == 200
    html = page.content.decode()
    assert "Choose a picture for the text" in html
    assert "The treatment room" in html
    assert 'srcset="' in html  # thumbnails are the library's own pictures

    chosen = client.post(picker_url(draft), {"image": image.pk, "for": "body"})
    assert chosen["Location"] == f"{edit_url(draft)}#id_body"
    editor = client.get(edit_url(draft)).content.decode()
    assert "Typed title, never saved" in editor
    assert "Typed words.\n\n![The treatment room](/media/library/" in editor
    assert "The picture is at the end of the text" in editor
    draft.refresh_from_db()
    assert draft.body == "Saved words."  # nothing saved until the writer saves


def test_choosing_the_featured_image_without_javascript(
    as_person, writer, draft, library_image
):
    image = library_image(alt="Needles on a tray")
    client = as_person(writer)
    response = client.post(edit_url(draft), typed(draft, action="pick_featured"))
    assert response["Location"] == f"{picker_url(draft)}?for=featured"
    assert (
        "Choose the featured image" in client.get(response["Location"]).content.decode()
    )
    client.post(picker_url(draft), {"image": image.pk, "for": "featured"})
    editor = client.get(edit_url(draft)).content.decode()
    assert f'name="featured_image" value="{image.pk}"' in editor
    assert "Needles on a tray" in editor
    assert "Typed words." in editor

    # Saved with the rest of the form, then removed the same way.
    client.post(edit_url(draft), typed(draft, action="save", featured_image=image.pk))
    draft.refresh_from_db()
    assert draft.featured_image == image
    client.post(
        edit_url(draft),
        typed(draft, action="drop_featured", featured_image=image.pk),
    )
    editor = client.get(edit_url(draft)).content.decode()
    assert (
        '<input type="hidden" name="featured_image" id="id_featured_image">' in editor
    )
    assert "The featured image is removed" in editor


def test_a_picture_without_alt_text_needs_it_typed_before_use(
    as_person, writer, draft, library_image
):
    image = library_image(alt="")
    client = as_person(writer)
    refused = client.post(picker_url(draft), {"image": image.pk, "for": "body"})
    assert refused.status_code == 400
    assert "Describe the picture first" in refused.content.decode()

    client.post(
        picker_url(draft),
        {"image": image.pk, "for": "body", "alt": "  A chart of  the meridians "},
    )
    image.refresh_from_db()
    assert image.alt == "A chart of the meridians"
    editor = client.get(edit_url(draft)).content.decode()
    assert "![A chart of the meridians](/media/library/" in editor


def test_the_script_gets_the_markdown_and_the_dialog_gets_a_fragment(
    as_person, writer, draft, library_image
):
    image = library_image(alt="", caption="Meridians")
    client = as_person(writer)
    fragment = client.get(
        picker_url(draft), {"for": "body"}, headers={"X-Requested-With": "fetch"}
    ).content.decode()
    assert "<html" not in fragment
    assert "data-picker-upload" in fragment
    answer = client.post(
        picker_url(draft),
        {"image": image.pk, "for": "body", "alt": "A chart"},
        headers={"X-Requested-With": "fetch", "Accept": "application/json"},
    )
    assert answer.status_code == 200
    data = answer.json()
    assert data["markdown"] == f'![A chart](/media/library/{image.key} "Meridians")'
    assert "<img" in data["picture"]
    # The script inserts it itself: the autosave is left alone.
    assert not draft.revisions.filter(kind="autosave").exists()
    other = Image.objects.create(
        file=image.file.name, format="PNG", width=10, height=10, alt=""
    )
    refused = client.post(
        picker_url(draft),
        {"image": other.pk, "for": "body"},
        headers={"X-Requested-With": "fetch", "Accept": "application/json"},
    )
    assert refused.status_code == 400
    assert "Describe the picture first" in refused.json()["errors"][0]


def test_uploading_from_the_picker_then_picking_it(as_person, writer, draft):
    client = as_person(writer)
    upload = pictures.upload(pictures.png((640, 480)), "chart.png")
    response = client.post(
        picker_url(draft),
        {"action": "upload", "for": "body", "file": upload, "alt": "A new chart"},
    )
    image = Image.objects.get()
    assert response["Location"] == f"{picker_url(draft)}?for=body&new={image.pk}"
    page = client.get(response["Location"]).content.decode()
    assert "Just uploaded" in page
    client.post(picker_url(draft), {"image": image.pk, "for": "body"})
    assert (
        "![A new chart](/media/library/" in client.get(edit_url(draft)).content.decode()
    )


def test_a_refused_upload_is_explained_in_the_picker(as_person, writer, draft):
    client = as_person(writer)
    response = client.post(
        picker_url(draft),
        {
            "action": "upload",
            "for": "featured",
            "file": pictures.upload(b"not a picture", "notes.png"),
            "alt": "Kept alt",
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "The picture was not added" in html
    assert 'value="Kept alt"' in html
    assert not Image.objects.exists()


def test_the_picker_searches_the_library(as_person, writer, draft, library_image):
    library_image(alt="Needles on a tray")
    library_image(alt="The garden in spring")
    client = as_person(writer)
    html = client.get(
        picker_url(draft), {"for": "body", "q": "garden"}
    ).content.decode()
    assert "The garden in spring" in html
    assert "Needles on a tray" not in html


def test_only_people_who_may_edit_the_article_may_pick_for_it(
    as_person, other_writer, draft, library_image
):
    image = library_image()
    client = as_person(other_writer)
    assert client.get(picker_url(draft)).status_code == 403
    assert client.post(picker_url(draft), {"image": image.pk}).status_code == 403


def test_a_vanished_picture_is_explained(as_person, writer, draft):
    client = as_person(writer)
    response = client.post(
        picker_url(draft), {"image": 999, "for": "body"}, follow=True
    )
    assert "no longer in the library" in response.content.decode()


@pytest.mark.parametrize(
    ("body", "at", "expected"),
    [
        ("", None, "PIC\n"),
        ("Words.", None, "Words.\n\nPIC\n"),
        ("Words.\n", None, "Words.\n\nPIC\n"),
        ("One.\n\nTwo.", 4, "One.\n\nPIC\n\nTwo."),
        ("One two", 3, "One\n\nPIC\n\n two"),
    ],
)
def test_a_picture_is_inserted_as_a_paragraph_of_its_own(body, at, expected):
    assert picking.insert_markdown(body, "PIC", at) == expected


def test_publishing_in_the_studio_asks_for_alt_text_and_keeps_the_typed_text(
    as_person, editor, draft, library_image
):
    silent = library_image(alt="", name="IMG_0003.jpg")
    client = as_person(editor)
    response = client.post(
        edit_url(draft),
        typed(
            draft,
            action="publish",
            body=f"Typed words.\n\n![]({silent.reference_url})",
            featured_image=silent.pk,
        ),
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "These pictures need alt text before publishing: IMG_0003.jpg" in html
    assert "This picture has no alt text yet" in html
    assert "Typed title, never saved" in html
    draft.refresh_from_db()
    assert draft.status == Post.Status.DRAFT
    assert draft.body == "Saved words."


def test_publishing_a_page_asks_for_alt_text_and_keeps_the_typed_text(
    as_person, editor, library_image
):
    from tests.factories import PageFactory

    silent = library_image(alt="", name="IMG_0004.jpg")
    page = PageFactory(published=False, title="About", slug="about-us")
    response = as_person(editor).post(
        f"/studio/pages/{page.pk}/",
        {
            "title": "About us, typed",
            "body": f"![]({silent.reference_url})",
            "slug": "about-us",
            "version": page.version,
            "action": "publish",
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "IMG_0004.jpg" in html
    assert "About us, typed" in html
    page.refresh_from_db()
    assert not page.published
