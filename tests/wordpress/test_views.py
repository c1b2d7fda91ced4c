"""The Studio's import page: upload an export, follow it, read its summary."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from meridian.journal.models import Post
from meridian.wordpress.models import ImportRun
from meridian.wordpress.uploads import run_import, upload_dir
from tests.factories import UserFactory
from tests.helpers import configure_site

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    configure_site(staff_require_2fa=False)  # enrolment is tested with accounts
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def upload(path):
    return SimpleUploadedFile(path.name, path.read_bytes(), "text/xml")


def test_an_uploaded_export_is_imported_in_the_background_with_its_summary(
    admin_client, wxr_path, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            "/studio/wordpress/", {"export": upload(wxr_path("clinic-1.2.xml"))}
        )
    run = ImportRun.objects.get()
    assert response.status_code == 302
    assert response["Location"] == run.get_absolute_url()
    assert run.status == ImportRun.Status.DONE
    assert run.items_done == run.items_total > 0
    assert Post.objects.filter(slug="resting-well").exists()
    assert not list(upload_dir().iterdir())  # the file is gone once read
    page = admin_client.get(run.get_absolute_url())
    assert page.status_code == 200
    assert "http-equiv" not in page.content.decode()
    assert "posts" in page.content.decode()
    assert "clinic-1.2.xml" in admin_client.get("/studio/wordpress/").content.decode()


def test_a_waiting_import_page_reloads_itself(admin_client):
    run = ImportRun.objects.create(file_name="site.xml", stored_path="/nowhere.xml")
    page = admin_client.get(run.get_absolute_url()).content.decode()
    assert '<meta http-equiv="refresh" content="3">' in page
    assert "Waiting for the worker" in page


def test_a_file_that_is_not_an_export_is_refused_with_its_reason(
    admin_client, wxr_path, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(
            "/studio/wordpress/", {"export": upload(wxr_path("not-wxr-feed.xml"))}
        )
    run = ImportRun.objects.get()
    assert run.status == ImportRun.Status.FAILED
    assert "not a WordPress export" in run.summary
    assert not Post.objects.exists()
    page = admin_client.get(run.get_absolute_url()).content.decode()
    assert "not a WordPress export" in page


def test_a_file_that_is_not_xml_is_refused_before_anything_is_kept(
    admin_client, wxr_path
):
    response = admin_client.post(
        "/studio/wordpress/", {"export": upload(wxr_path("not-wxr.html"))}
    )
    assert response.status_code == 400
    assert "This is not an XML file" in response.content.decode()
    assert not ImportRun.objects.exists()


def test_only_administrators_may_import(client):
    configure_site(staff_require_2fa=False)
    client.force_login(UserFactory(is_staff=True))
    assert client.get("/studio/wordpress/").status_code == 403
    client.logout()
    assert client.get("/studio/wordpress/").status_code == 302  # to the login


def test_a_run_taken_by_another_worker_is_not_imported_twice():
    run = ImportRun.objects.create(
        file_name="site.xml", stored_path="/nowhere.xml", status="running"
    )
    assert run_import.call(run_id=run.pk) == "skipped"


def test_administrators_find_the_way_in_from_their_account_panel(admin_client, client):
    assert 'href="/studio/wordpress/">Move from WordPress</a>' in (
        admin_client.get("/studio/").content.decode()
    )
    client.logout()
    configure_site(staff_require_2fa=False)
    client.force_login(UserFactory(is_staff=True))  # staff, not an administrator
    page = client.get("/").content.decode()
    assert "Media library" in page  # the panel is there, without the import
    assert "Move from WordPress" not in page
