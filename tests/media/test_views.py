"""The library at /studio/media/: staff only, uploads with and without JavaScript."""

import pytest
from django.urls import reverse

from meridian.media.models import Image
from tests.factories import PostFactory, UserFactory
from tests.helpers import configure_site

from . import pictures
from .storage import stored_files

LIBRARY = "/studio/media/"


@pytest.fixture
def staff_client(client, db):
    configure_site(staff_require_2fa=False)  # enrolment is tested with accounts
    client.force_login(UserFactory(is_staff=True))
    return client


def test_the_library_is_for_staff_only(client, db):
    assert client.get(LIBRARY).status_code == 302  # to the login page
    client.force_login(UserFactory())
    assert client.get(LIBRARY).status_code == 403
    assert (
        client.post(LIBRARY, {"file": pictures.upload(pictures.png())}).status_code
        == 403
    )
    assert not Image.objects.exists()


def test_an_upload_without_javascript_keeps_alt_and_caption_and_drops_gps(staff_client):
    response = staff_client.post(
        LIBRARY,
        {
            "file": pictures.upload(pictures.phone_photo(), "IMG_2041.JPG"),
            "alt": "The treatment room, window open",
            "caption": "Morning light",
        },
    )
    image = Image.objects.get()
    assert response.status_code == 302
    assert response["Location"] == image.get_absolute_url()
    assert image.alt == "The treatment room, window open"
    assert image.caption == "Morning light"
    assert image.original_name == "IMG_2041.JPG"
    for name in stored_files():
        with open(image.file.storage.path(name), "rb") as stored:
            content = stored.read()
        assert all(secret not in content for secret in pictures.SECRETS)


BAD_INPUT = [
    (pictures.TEXT, "notes.png", "not a picture"),
    (pictures.HTML_PAGE, "index.html", "not a picture"),
    (pictures.SVG_WITH_SCRIPT, "logo.svg", "not a picture"),
    (pictures.truncated_jpeg(), "cut.jpg", "damaged or incomplete"),
    (pictures.strip_png(), "strip.png", "at most 12,000 pixels"),
    (pictures.animated_gif(500), "long.gif", "500 frames"),
    (pictures.bomb_png(), "bomb.png", "too many pixels"),
]


@pytest.mark.parametrize(("content", "name", "message"), BAD_INPUT)
def test_bad_input_gets_a_message_keeps_the_text_and_stores_nothing(
    staff_client, content, name, message
):
    response = staff_client.post(
        LIBRARY,
        {"file": pictures.upload(content, name), "alt": "Typed with care"},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page
    assert 'value="Typed with care"' in page
    assert not Image.objects.exists()
    assert stored_files() == []


def test_a_50_mb_upload_is_refused_with_a_message(staff_client):
    content = pictures.phone_photo() + b"\0" * (50 * 1024 * 1024)
    response = staff_client.post(LIBRARY, {"file": pictures.upload(content, "big.jpg")})
    assert response.status_code == 400
    assert "at most 20 MB" in response.content.decode()
    assert stored_files() == []


def test_cmyk_and_16_bit_pictures_are_taken(staff_client):
    for content, name in (
        (pictures.cmyk_jpeg(), "print.jpg"),
        (pictures.sixteen_bit_png(), "scan.png"),
    ):
        response = staff_client.post(LIBRARY, {"file": pictures.upload(content, name)})
        assert response.status_code == 302
    assert Image.objects.count() == 2


def test_a_hostile_file_name_is_never_a_path(staff_client):
    boundary = "BoUnDaRy"
    body = (
        (
            f"--{boundary}\r\n"
            'Content-Disposition: form-data; name="file"; '
            'filename="../../etc/x\x00.jpg"\r\n'
            "Content-Type: image/jpeg\r\n\r\n"
        ).encode()
        + pictures.phone_photo()
        + f"\r\n--{boundary}--\r\n".encode()
    )
    response = staff_client.generic(
        "POST", LIBRARY, body, content_type=f"multipart/form-data; boundary={boundary}"
    )
    assert response.status_code == 302
    image = Image.objects.get()
    assert image.file.name.startswith("images/")
    assert "etc" not in image.file.name
    assert "\x00" not in image.original_name
    assert "/" not in image.original_name


def test_drag_and_drop_uploads_answer_in_json(staff_client):
    response = staff_client.post(
        LIBRARY,
        {"file": pictures.upload(pictures.png(), "a.png")},
        headers={"Accept": "application/json"},
    )
    assert response.status_code == 201
    assert response.json()["url"] == Image.objects.get().get_absolute_url()
    refused = staff_client.post(
        LIBRARY,
        {"file": pictures.upload(pictures.TEXT, "b.png")},
        headers={"Accept": "application/json"},
    )
    assert refused.status_code == 400
    assert "not a picture" in refused.json()["errors"][0]


def test_the_grid_searches_alt_caption_and_file_name(staff_client, library_image):
    library_image(alt="Needles on a tray", name="tray.jpg")
    library_image(alt="A garden", caption="The herb garden", name="outside.jpg")
    library_image(alt="", name="portrait-mei.jpg")
    page = staff_client.get(LIBRARY).content.decode()
    assert "3 pictures" in page
    assert "No alt text yet" in page
    for query, expected in (
        ("tray", "Needles"),
        ("herb", "A garden"),
        ("mei", "portrait-mei"),
    ):
        found = staff_client.get(LIBRARY, {"q": query}).content.decode()
        assert "1 picture matches" in found
        assert expected in found


def test_the_grid_is_paginated(staff_client, library_image):
    content = pictures.png((40, 30))
    for number in range(25):
        library_image(content, name=f"p{number}.png")
    first = staff_client.get(LIBRARY).content.decode()
    assert first.count('class="library__item"') == 24
    assert "Page 1 of 2" in first
    second = staff_client.get(LIBRARY, {"page": 2}).content.decode()
    assert second.count('class="library__item"') == 1


def test_every_thumbnail_has_srcset_sizes_and_dimensions(staff_client, library_image):
    library_image()
    page = staff_client.get(LIBRARY).content.decode()
    # The phone held upright: 400 x 600 once turned.
    for attribute in ("srcset=", "sizes=", 'width="400"', 'height="600"', 'alt=""'):
        assert attribute in page


def test_alt_text_is_required_before_the_markdown_is_offered(
    staff_client, library_image
):
    image = library_image(alt="")
    page = staff_client.get(image.get_absolute_url()).content.decode()
    assert image.reference_url not in page
    assert "cannot be inserted" in page
    response = staff_client.post(
        image.get_absolute_url(),
        {"action": "save", "alt": "A calm room", "caption": "", "credit": "Ana"},
    )
    assert response.status_code == 302
    image.refresh_from_db()
    assert (image.alt, image.credit) == ("A calm room", "Ana")
    page = staff_client.get(image.get_absolute_url()).content.decode()
    assert f"![A calm room]({image.reference_url})" in page


def test_replacing_a_picture_keeps_its_address(staff_client, library_image):
    image = library_image()
    old_file = image.file.name
    response = staff_client.post(
        image.get_absolute_url(),
        {
            "action": "replace",
            "file": pictures.upload(pictures.png((500, 500)), "n.png"),
        },
    )
    assert response.status_code == 302
    image.refresh_from_db()
    assert image.file.name != old_file
    assert (image.width, image.format) == (500, "PNG")
    bad = staff_client.post(
        image.get_absolute_url(),
        {"action": "replace", "file": pictures.upload(pictures.TEXT, "n.png")},
    )
    assert bad.status_code == 400
    assert "not a picture" in bad.content.decode()


def test_deleting_a_picture_in_use_warns_and_lists_where(
    staff_client, library_image, django_capture_on_commit_callbacks
):
    image = library_image()
    post = PostFactory(title="Sleep and needles", body=f"![x]({image.reference_url})")
    delete_url = reverse("media:delete", args=[image.pk])
    page = staff_client.get(delete_url).content.decode()
    assert "used in 1 place" in page
    assert post.get_absolute_url() in page
    assert "Delete it anyway" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(delete_url)
    assert response.status_code == 302
    assert not Image.objects.exists()
    assert stored_files() == []


def test_the_detail_page_says_where_the_picture_is_used(staff_client, library_image):
    image = library_image()
    PostFactory(title="Sleep and needles", body=f"![x]({image.reference_url})")
    page = staff_client.get(image.get_absolute_url()).content.decode()
    assert "1 place" in page
    assert "Sleep and needles" in page


def test_staff_find_the_library_from_the_account_panel(staff_client):
    page = staff_client.get("/").content.decode()
    assert f'href="{LIBRARY}"' in page
