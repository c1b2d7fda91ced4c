"""Taking a comment (comments/submission.py): what is stored, forms sent twice."""

import pytest

from meridian.comments.models import Comment, hash_ip
from tests.comments.conftest import approved, confirmed_reader, form_fields
from tests.factories import PostFactory

pytestmark = pytest.mark.django_db


def test_the_writers_address_is_stored_only_as_its_fingerprint(
    reader_client, post, site, send
):
    send(reader_client, post, "From my kitchen table.")
    stored = Comment.objects.get(body="From my kitchen table.").ip_hash
    assert stored == hash_ip("127.0.0.1")  # the test client's address
    assert "127.0.0.1" not in stored
    assert len(stored) == 24


def test_double_submit_creates_one_comment(reader_client, reader, post, site, send):
    approved(post, reader)
    page = reader_client.get(post.get_absolute_url()).content.decode()
    data = form_fields(page) | {"body": "Clicked twice."}
    first = reader_client.post(f"/comments/post/{post.pk}/", data)
    second = reader_client.post(f"/comments/post/{post.pk}/", data)
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert Comment.objects.filter(body="Clicked twice.").count() == 1


def test_a_form_token_cannot_be_reused_by_someone_else(
    reader_client, reader, post, site, send
):
    approved(post, reader)
    page = reader_client.get(post.get_absolute_url()).content.decode()
    data = form_fields(page) | {"body": "Mine."}
    assert reader_client.post(f"/comments/post/{post.pk}/", data).status_code == 302
    other = confirmed_reader()
    approved(post, other)
    reader_client.force_login(other)
    response = reader_client.post(
        f"/comments/post/{post.pk}/", data | {"body": "Hers."}
    )
    assert response.status_code == 400
    assert "This form has already been used" in response.content.decode()
    assert "Hers." in response.content.decode()
    elsewhere = PostFactory()
    response = reader_client.post(f"/comments/post/{elsewhere.pk}/", data)
    assert response.status_code == 400
    assert Comment.objects.filter(body="Mine.").count() == 1
