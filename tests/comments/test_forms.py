"""The comment form (comments/forms.py): bad input gets a clear message, never a
500, and the form keeps what was typed."""

import pytest

from meridian.comments.models import Comment
from tests.comments.conftest import approved, form_fields
from tests.helpers import configure_site

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("", "Please write a comment"),
        ("   \n\t  ", "Please write a comment"),
        ("\x00\x01\x02", "Please write a comment"),
        ("x" * 100_000, "Please keep your comment under 10000 characters"),
    ],
)
def test_bad_text_gets_a_clear_message_and_is_kept(
    reader_client, post, site, send, body, message
):
    response = send(reader_client, post, body)
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    if body.strip():
        assert body[:1000] in html or "x" * 1000 in html
    assert Comment.objects.count() == 0


def test_control_characters_are_dropped_and_markup_neutralised(
    reader_client, reader, post, site, send
):
    approved(post, reader)
    send(
        reader_client,
        post,
        "Hi\x07 there <script>alert(1)</script> [x](javascript:alert(1))"
        ' <img src=x onerror="alert(1)">',
    )
    comment = Comment.objects.latest("id")
    assert "\x07" not in comment.body
    html = reader_client.get(post.get_absolute_url()).content.decode()
    assert "<script>alert(1)" not in html
    assert 'href="javascript' not in html
    assert "<img src=x" not in html
    assert "&lt;script&gt;" in html


def test_invalid_utf8_and_forged_fields_never_cause_a_500(
    reader_client, reader, post, site
):
    approved(post, reader)
    data = form_fields(reader_client.get(post.get_absolute_url()).content.decode())
    raw = "&".join(f"{k}={v}" for k, v in data.items() if k != "body")
    response = reader_client.post(
        f"/comments/post/{post.pk}/",
        raw.encode() + b"&body=caf%C3%A9+%FF%FE+ok",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 302
    assert Comment.objects.latest("id").body.startswith("café")
    for parent in ["99999999999999999999999", "-1", "abc", "1e3"]:
        forged = reader_client.post(
            f"/comments/post/{post.pk}/", data | {"body": "x", "parent": parent}
        )
        assert forged.status_code == 400, parent


def test_a_guest_name_is_one_line_without_direction_overrides(client, post, site, send):
    configure_site(guest_comments=True, comment_min_seconds=0)
    send(client, post, "Hello.", name="Eve\r\nBcc: x@example.org", email="e@x.org")
    assert Comment.objects.get().guest_name == "Eve Bcc: x@example.org"
    spoof = send(client, post, "Spoof.", name="Eve \u202eevil", email="e@x.org")
    assert spoof.status_code == 400
    assert "invisible control characters" in spoof.content.decode()
    assert "Spoof." in spoof.content.decode()


def test_an_incomplete_form_says_so(reader_client, post, site):
    response = reader_client.post(
        f"/comments/post/{post.pk}/", {"body": "Only the text"}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "The form arrived incomplete" in html
    assert "Only the text" in html
