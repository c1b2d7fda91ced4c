"""Renditions are made in the background, never wider than the original."""

import pytest
from django.core.files.storage import default_storage
from PIL import Image, features

from meridian.media import renditions
from meridian.media.library import delete_image, replace_file
from meridian.media.models import Rendition

from . import pictures
from .storage import stored_files


@pytest.fixture
def queued_tasks(settings):
    """Keep enqueued tasks instead of running them, as the database queue does."""
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}
    }
    from django_tasks import default_task_backend

    default_task_backend.clear()
    yield default_task_backend
    default_task_backend.clear()


def test_every_width_in_every_format_never_wider_than_the_original(
    library_image, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        image = library_image(pictures.phone_photo((1000, 600), orientation=1))
    made = {(r.width, r.format) for r in image.renditions.all()}
    formats = {"WEBP", "JPEG"} | ({"AVIF"} if features.check("avif") else set())
    assert made == {(width, f) for width in (480, 800, 1000) for f in formats}
    for rendition in image.renditions.all():
        with (
            default_storage.open(rendition.file.name) as stored,
            Image.open(stored) as saved,
        ):
            assert saved.format == rendition.format
            assert saved.size == (rendition.width, rendition.height)
            assert rendition.height == round(600 * rendition.width / 1000)


def test_a_large_photo_gets_the_four_standard_widths(
    library_image, django_capture_on_commit_callbacks, settings
):
    settings.MEDIA_AVIF = False
    with django_capture_on_commit_callbacks(execute=True):
        image = library_image(pictures.phone_photo((2000, 1000), orientation=1))
    widths = sorted({r.width for r in image.renditions.all()})
    assert widths == [480, 800, 1200, 1600]
    assert {r.format for r in image.renditions.all()} == {"WEBP", "JPEG"}


def test_a_transparent_png_keeps_png_as_its_fallback(
    library_image, django_capture_on_commit_callbacks, settings
):
    settings.MEDIA_AVIF = False
    with django_capture_on_commit_callbacks(execute=True):
        image = library_image(pictures.png((900, 300)), "logo.png")
    assert {r.format for r in image.renditions.all()} == {"WEBP", "PNG"}


def test_renditions_wait_for_the_worker_not_the_request(
    library_image, django_capture_on_commit_callbacks, queued_tasks
):
    with django_capture_on_commit_callbacks(execute=True):
        image = library_image()
    assert not image.renditions.exists()
    [result] = queued_tasks.results
    assert result.task.func is renditions.generate_renditions.func
    assert result.args == []
    assert result.kwargs["image_id"] == image.pk


def test_a_task_for_a_replaced_file_makes_nothing(
    library_image, django_capture_on_commit_callbacks, queued_tasks
):
    image = library_image()
    old_name = image.file.name
    upload = pictures.upload(pictures.png(), "new.png")
    from meridian.media import processing, validation

    cleaned = processing.clean_image(upload, validation.inspect_upload(upload))
    with django_capture_on_commit_callbacks(execute=True):
        replace_file(image, cleaned, "new.png")
    assert renditions.generate_renditions.call(image.pk, old_name) == 0
    assert not Rendition.objects.exists()


def test_replacing_a_file_removes_the_old_one_and_its_renditions(
    library_image, django_capture_on_commit_callbacks, settings
):
    settings.MEDIA_AVIF = False
    with django_capture_on_commit_callbacks(execute=True):
        image = library_image(pictures.phone_photo((900, 600), orientation=1))
    before = set(stored_files())
    upload = pictures.upload(pictures.png((700, 700)), "new.png")
    from meridian.media import processing, validation

    cleaned = processing.clean_image(upload, validation.inspect_upload(upload))
    with django_capture_on_commit_callbacks(execute=True):
        image = replace_file(image, cleaned, "new.png")
    after = set(stored_files())
    assert not before & after  # none of the old files is left
    assert image.key
    assert image.format == "PNG"
    assert image.width == 700
    assert {r.format for r in image.renditions.all()} == {"WEBP", "PNG"}


def test_deleting_an_image_deletes_every_file(
    library_image, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        image = library_image()
    assert stored_files()
    with django_capture_on_commit_callbacks(execute=True):
        delete_image(image)
    assert stored_files() == []


def test_missing_renditions_are_enqueued_again(library_image, queued_tasks):
    library_image()
    library_image(pictures.animated_gif(4), "moving.gif")
    assert renditions.regenerate_missing() == 1  # animations have none


def test_the_renditions_command_enqueues_what_is_missing(library_image, queued_tasks):
    from io import StringIO

    from django.core.management import call_command

    library_image()
    out = StringIO()
    call_command("renditions", stdout=out)
    assert "1 image(s)" in out.getvalue()
    assert len(queued_tasks.results) == 1
