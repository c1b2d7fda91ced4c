from datetime import timedelta

import pytest
from django.utils import timezone

from meridian.journal.models import Post
from tests.factories import PostFactory

pytestmark = pytest.mark.django_db


def test_signed_out_people_are_sent_to_sign_in(client):
    response = client.get("/studio/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_readers_are_refused(as_person, reader):
    assert as_person(reader).get("/studio/").status_code == 403


@pytest.mark.parametrize("role", ["writer", "editor", "administrator"])
def test_each_role_reaches_the_dashboard(request, as_person, role):
    response = as_person(request.getfixturevalue(role)).get("/studio/")
    assert response.status_code == 200
    assert b"<h1>Studio</h1>" in response.content


def test_an_author_sees_their_own_drafts_only(as_person, writer, other_writer):
    PostFactory(author=writer, title="Mine", status=Post.Status.DRAFT)
    PostFactory(author=other_writer, title="Theirs", status=Post.Status.DRAFT)
    page = as_person(writer).get("/studio/").content.decode()
    assert "Mine" in page
    assert "Theirs" not in page
    assert "Medical review due" not in page


def test_the_dashboard_shows_true_states(as_person, editor, writer):
    PostFactory(
        author=writer, title="Soon", published_at=timezone.now() + timedelta(days=1)
    )
    PostFactory(author=writer, title="Asking", status=Post.Status.REVIEW)
    page = as_person(editor).get("/studio/").content.decode()
    assert "Scheduled for" in page
    assert "In review" in page


def test_editors_see_reviews_due_and_comments_waiting(as_person, editor):
    PostFactory(title="Old advice", reviewed_by="Dr. A", last_reviewed=None)
    page = as_person(editor).get("/studio/").content.decode()
    assert "Medical review due" in page
    assert "Old advice" in page
    assert "0 comments wait for a moderator" in page


def test_staff_pages_show_the_way_to_the_studio_and_the_queue(
    as_person, editor, writer, reader
):
    page = as_person(editor).get("/").content.decode()
    assert 'href="/studio/"' in page
    assert "Moderation queue (0 waiting)" in page
    page = as_person(writer).get("/").content.decode()
    assert 'href="/studio/"' in page
    assert "Moderation queue" not in page
    page = as_person(reader).get("/").content.decode()
    assert 'href="/studio/"' not in page


def test_the_admin_is_branded_with_the_site_name_and_leads_to_the_studio(
    as_person, administrator
):
    from meridian.core.models import SiteSettings

    site = SiteSettings.current()
    site.name = "Riverside Clinic"
    site.save()
    page = as_person(administrator).get("/admin/").content.decode()
    assert "Riverside Clinic" in page
    assert "Django administration" not in page
    assert 'href="/studio/"' in page
    assert 'href="/comments/moderation/"' in page


def test_the_admin_home_page_hides_internals(client, django_user_model):
    from meridian.core.models import SiteSettings

    site = SiteSettings.current()
    site.staff_require_2fa = False
    site.save()
    client.force_login(
        django_user_model.objects.create_superuser("root", "root@example.org", "x")
    )
    page = client.get("/admin/").content.decode()
    assert "Task Results" not in page
    assert "Authenticators" not in page
    assert "Email addresses" not in page
    assert "Articles" in page
    assert client.get("/admin/account/emailaddress/").status_code == 200
