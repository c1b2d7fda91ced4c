"""Uploads from --media-dir join the media library; every size leads to them."""

from pathlib import Path

import pytest

from meridian.journal.models import Post
from meridian.media.models import Image
from meridian.wordpress.attachments import upload_key
from meridian.wordpress.importer import import_wxr
from meridian.wordpress.models import ImportedPost
from tests.media.pictures import SECRETS, phone_photo

pytestmark = pytest.mark.django_db


@pytest.fixture
def uploads(tmp_path):
    folder = tmp_path / "uploads"
    (folder / "2025" / "11").mkdir(parents=True)
    (folder / "2025" / "11" / "room.jpg").write_bytes(phone_photo())
    return folder


def test_size_variants_lead_to_one_file():
    assert upload_key(
        "https://x.example/wp-content/uploads/2025/11/room-300x200.jpg"
    ) == ("2025/11/room.jpg")
    assert upload_key("/wp-content/uploads/2025/11/Room-scaled.JPG") == (
        "2025/11/room.jpg"
    )
    assert upload_key("2025/11/room-e1700000000000-1024x683.jpg") == "2025/11/room.jpg"
    assert upload_key("https://x.example/about/") is None


def test_pictures_join_the_library_cleaned_with_alt_and_caption(
    wxr_path, uploads, client
):
    report = import_wxr(wxr_path("clinic-1.2.xml"), media_dir=uploads)
    image = Image.objects.get()
    assert image.alt == "The quiet room, two chairs by a window"
    assert image.caption == "Our quiet room"
    stored = image.file.read()
    assert not any(secret in stored for secret in SECRETS)
    assert ImportedPost.objects.get(wp_id=201).image == image
    assert report.counts["attachments"]["imported"] == 1

    post = Post.objects.get(slug="resting-well")
    assert f"]({image.reference_url} " in post.body  # the -300x200 size, rewritten
    assert "wp-content/uploads" not in post.body
    assert post.image_alt == image.alt
    assert post.image.read()[:2] == b"\xff\xd8"
    html = client.get(post.get_absolute_url()).content.decode()
    assert "<figcaption>Our quiet room</figcaption>" in html
    assert not report.missing_media


def test_a_second_run_does_not_add_the_picture_again(wxr_path, uploads):
    import_wxr(wxr_path("clinic-1.2.xml"), media_dir=uploads)
    again = import_wxr(wxr_path("clinic-1.2.xml"), media_dir=uploads)
    assert Image.objects.count() == 1
    assert again.counts["attachments"]["skipped"] == 1


def test_missing_files_are_listed_with_the_articles_using_them(wxr_path, tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    report = import_wxr(wxr_path("clinic-1.2.xml"), media_dir=empty)
    assert not Image.objects.exists()
    url = "https://harbour.example/wp-content/uploads/2025/11/room-300x200.jpg"
    assert report.missing_media[url] == {"Resting well after a session"}
    assert "Files not found under --media-dir" in str(report)
    assert "used in: Resting well after a session" in str(report)


def test_a_file_that_is_not_a_picture_fails_alone(wxr_path, uploads):
    (uploads / "2025" / "11" / "room.jpg").write_text("<html>not a picture</html>")
    report = import_wxr(wxr_path("clinic-1.2.xml"), media_dir=uploads)
    assert report.counts["attachments"]["failed"] == 1
    assert report.counts["posts"]["imported"] == 3
    assert not Image.objects.exists()


def test_dry_run_stores_no_picture(wxr_path, uploads, settings):
    report = import_wxr(wxr_path("clinic-1.2.xml"), media_dir=uploads, dry_run=True)
    assert report.counts["attachments"]["imported"] == 1
    assert not Image.objects.exists()
    assert not list(Path(settings.MEDIA_ROOT).glob("**/*.*"))
