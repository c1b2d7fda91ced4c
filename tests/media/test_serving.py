"""Stored pictures are served with their type, nosniff and the right caching."""

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from meridian.media.library import delete_image

from . import pictures


def test_an_original_is_served_as_what_it_is(client, library_image):
    image = library_image()
    response = client.get(image.file.url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "public, max-age=86400"
    assert b"".join(response.streaming_content).startswith(b"\xff\xd8")


def test_renditions_are_cached_for_a_year(
    client, library_image, django_capture_on_commit_callbacks, settings
):
    settings.MEDIA_AVIF = False
    with django_capture_on_commit_callbacks(execute=True):
        image = library_image(pictures.phone_photo((900, 600), orientation=1))
    webp = image.renditions.filter(format="WEBP").first()
    response = client.get(webp.file.url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/webp"
    assert response["Cache-Control"] == "public, max-age=31536000, immutable"


def test_a_deleted_image_and_its_renditions_stop_being_served(
    client, library_image, django_capture_on_commit_callbacks, settings
):
    settings.MEDIA_AVIF = False
    with django_capture_on_commit_callbacks(execute=True):
        image = library_image(pictures.phone_photo((900, 600), orientation=1))
    urls = [image.file.url, *(r.file.url for r in image.renditions.all())]
    reference = image.reference_url
    assert client.get(reference).status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        delete_image(image)
    for url in [*urls, reference]:
        assert client.get(url).status_code == 404, url


def test_the_markdown_address_leads_to_the_current_file(client, library_image):
    image = library_image()
    response = client.get(image.reference_url)
    assert response.status_code == 302
    assert response["Location"] == image.file.url


def test_anything_but_a_picture_is_never_served(client, db):
    default_storage.save("images/page.html", ContentFile(pictures.HTML_PAGE))
    default_storage.save("images/drawing.svg", ContentFile(pictures.SVG_WITH_SCRIPT))
    assert client.get("/media/images/page.html").status_code == 404
    assert client.get("/media/images/drawing.svg").status_code == 404


def test_paths_outside_the_media_folder_are_refused(client, db):
    assert client.get("/media/../settings.py").status_code == 404
    assert client.get("/media/%2e%2e/%2e%2e/etc/passwd.jpg").status_code == 400
