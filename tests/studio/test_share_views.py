"""Private preview links: signed, expiring, revocable, noindex, for outsiders."""

from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from meridian.journal.models import Post
from meridian.studio.models import PreviewLink
from tests.factories import PostFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(writer):
    return PostFactory(
        author=writer,
        title="Still a draft",
        body="Words for the reviewer.",
        status=Post.Status.DRAFT,
    )


def shared_address(client, post) -> str:
    client.post(f"/studio/articles/{post.pk}/share/")
    page = client.get(f"/studio/articles/{post.pk}/").content.decode()
    start = page.index("/studio/preview/")
    return page[start : page.index('"', start)]


def test_a_reviewer_without_an_account_reads_the_draft(as_person, writer, draft):
    address = shared_address(as_person(writer), draft)
    response = Client().get(address)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Words for the reviewer." in page
    assert "not published" in page
    assert '<meta name="robots" content="noindex, nofollow">' in page
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "no-store" in response["Cache-Control"]
    # Readers still cannot find it.
    assert Client().get(draft.get_absolute_url()).status_code == 404


def test_a_withdrawn_link_stops_working(as_person, writer, draft):
    client = as_person(writer)
    address = shared_address(client, draft)
    link = PreviewLink.objects.get()
    client.post(f"/studio/articles/{draft.pk}/share/{link.pk}/withdraw/")
    assert Client().get(address).status_code == 404


def test_a_link_expires_after_a_week(as_person, writer, draft):
    address = shared_address(as_person(writer), draft)
    with time_machine.travel(timezone.now() + timedelta(days=8)):
        assert Client().get(address).status_code == 404


def test_a_forged_link_is_a_404(draft):
    assert Client().get("/studio/preview/not-a-token/").status_code == 404


def test_only_people_who_may_edit_make_links(as_person, other_writer, draft):
    response = as_person(other_writer).post(f"/studio/articles/{draft.pk}/share/")
    assert response.status_code == 403
    assert not PreviewLink.objects.exists()
