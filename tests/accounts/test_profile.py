"""Profile, password and email changes for a signed-in reader."""

import io

import pytest
from allauth.account.models import EmailAddress
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from .conftest import NEW_PASSWORD, PASSWORD, last_mail_to, link_in, login

pytestmark = pytest.mark.django_db

PROFILE = "/accounts/profile/"


@pytest.fixture
def signed_in(client, reader):
    login(client, "ada")
    return client


def picture(width=900, height=600, fmt="PNG", name="me.png"):
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (200, 80, 40)).save(buffer, format=fmt)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def test_profile_needs_a_login(client):
    response = client.get(PROFILE)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_profile_shows_initials_when_there_is_no_picture(signed_in):
    html = signed_in.get(PROFILE).content.decode()
    assert "<h1>Your profile</h1>" in html
    assert 'avatar--initials" aria-hidden="true">AR</span>' in html


def test_edit_name_and_bio(signed_in, reader):
    response = signed_in.post(
        PROFILE, {"display_name": "Ada L.", "bio": "Reads about herbs."}
    )
    assert response.status_code == 302
    reader.refresh_from_db()
    assert reader.display_name == "Ada L."
    assert reader.bio == "Reads about herbs."
    assert "Signed in as <strong>Ada L.</strong>" in signed_in.get("/").content.decode()


def test_picture_is_checked_and_made_small(signed_in, reader):
    response = signed_in.post(
        PROFILE, {"display_name": "Ada", "bio": "", "avatar": picture()}
    )
    assert response.status_code == 302
    reader.refresh_from_db()
    assert reader.avatar.name.endswith(".webp")
    with Image.open(reader.avatar.path) as stored:
        assert stored.size == (256, 256)
    html = signed_in.get(PROFILE).content.decode()
    assert f'src="{reader.avatar.url}"' in html
    # Sized and decoded off the main thread, as every other picture.
    assert f'srcset="{reader.avatar.url} 256w" sizes="96px"' in html
    assert 'width="96" height="96" decoding="async"' in html


def test_a_file_that_is_not_a_picture_is_refused(signed_in, reader):
    fake = SimpleUploadedFile("me.png", b"<?php echo 1; ?>", content_type="image/png")
    response = signed_in.post(
        PROFILE, {"display_name": "Ada New", "bio": "Kept", "avatar": fake}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Upload a valid image" in html
    assert 'value="Ada New"' in html  # what was typed stays
    reader.refresh_from_db()
    assert not reader.avatar
    assert reader.display_name == "Ada Reader"
    # The panel still shows the saved name, not the rejected one.
    assert "Signed in as <strong>Ada Reader</strong>" in html


def test_ten_thousand_character_fields_are_form_errors(signed_in, reader):
    response = signed_in.post(
        PROFILE, {"display_name": "n" * 10_000, "bio": "b" * 10_000}
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "display_name" in errors
    assert "bio" in errors
    reader.refresh_from_db()
    assert reader.display_name == "Ada Reader"


def test_change_password(signed_in, reader, client):
    response = signed_in.post(
        "/accounts/password/change/",
        {"oldpassword": PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    reader.refresh_from_db()
    assert reader.check_password(NEW_PASSWORD)
    assert signed_in.get("/").context["user"] == reader  # this session stays


def test_change_password_keeps_nothing_typed_on_error(signed_in):
    response = signed_in.post(
        "/accounts/password/change/",
        {
            "oldpassword": "wrong one",
            "password1": NEW_PASSWORD,
            "password2": NEW_PASSWORD,
        },
    )
    assert response.status_code == 200
    assert "Please type your current password." in response.content.decode()
    assert NEW_PASSWORD not in response.content.decode()


def test_change_email_is_confirmed_before_it_counts(signed_in, reader):
    response = signed_in.post(
        "/accounts/email/", {"action_add": "", "email": "ada.new@example.org"}
    )
    assert response.status_code == 302
    reader.refresh_from_db()
    assert reader.email == "ada@example.org"
    confirm = link_in(last_mail_to("ada.new@example.org"), "/accounts/confirm-email/")
    signed_in.post(confirm)
    reader.refresh_from_db()
    assert reader.email == "ada.new@example.org"
    assert list(
        EmailAddress.objects.filter(user=reader).values_list("email", "verified")
    ) == [("ada.new@example.org", True)]


def test_change_to_a_taken_address_reveals_nothing(signed_in, reader, user_factory):
    other = user_factory(email="taken@example.org")
    EmailAddress.objects.create(
        user=other, email=other.email, verified=True, primary=True
    )
    taken = signed_in.post(
        "/accounts/email/", {"action_add": "", "email": "taken@example.org"}
    )
    free = signed_in.post(
        "/accounts/email/", {"action_add": "", "email": "free@example.org"}
    )
    assert taken.status_code == free.status_code == 302
    assert taken["Location"] == free["Location"]
    reader.refresh_from_db()
    assert reader.email == "ada@example.org"
    owner = EmailAddress.objects.get(email="taken@example.org", verified=True)
    assert owner.user == other


def test_confirmation_resend_is_rate_limited(signed_in, reader):
    from django.core import mail

    signed_in.post(
        "/accounts/email/", {"action_add": "", "email": "ada.new@example.org"}
    )
    sent = [m for m in mail.outbox if "ada.new@example.org" in m.to]
    assert len(sent) == 1
    for _attempt in range(3):
        response = signed_in.post(
            "/accounts/email/", {"action_send": "", "email": "ada.new@example.org"}
        )
        assert response.status_code == 302
    resent = [m for m in mail.outbox if "ada.new@example.org" in m.to]
    assert len(resent) == 1


def test_pending_email_change_page_has_no_inline_style(signed_in):
    signed_in.post(
        "/accounts/email/", {"action_add": "", "email": "ada.new@example.org"}
    )
    html = signed_in.get("/accounts/email/").content.decode()
    assert "ada.new@example.org" in html
    assert "Send the link again" in html
    assert " style=" not in html


def test_a_picture_with_too_many_pixels_is_refused(signed_in, reader):
    buffer = io.BytesIO()
    Image.new("1", (8000, 6000)).save(buffer, format="PNG")
    huge = SimpleUploadedFile("huge.png", buffer.getvalue(), content_type="image/png")
    response = signed_in.post(PROFILE, {"display_name": "Ada", "avatar": huge})
    assert response.status_code == 200
    assert "too many pixels" in response.content.decode()
    reader.refresh_from_db()
    assert not reader.avatar


def test_a_picture_over_sixteen_megapixels_is_refused(signed_in, reader):
    # 4,500 x 4,000 = 18 MP: small as a file, 72 MB once decoded.
    buffer = io.BytesIO()
    Image.new("1", (4500, 4000)).save(buffer, format="PNG")
    big = SimpleUploadedFile("big.png", buffer.getvalue(), content_type="image/png")
    response = signed_in.post(PROFILE, {"display_name": "Ada", "avatar": big})
    assert "too many pixels" in response.content.decode()


def test_a_large_jpeg_within_the_limit_is_made_small(signed_in, reader):
    upload = picture(3000, 2000, fmt="JPEG", name="camera.jpg")
    response = signed_in.post(PROFILE, {"display_name": "Ada", "avatar": upload})
    assert response.status_code == 302
    reader.refresh_from_db()
    with Image.open(reader.avatar) as stored:
        assert stored.size == (256, 256)
