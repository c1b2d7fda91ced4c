"""Renditions: smaller copies of each image, made by a background task.

A request only stores the cleaned original and enqueues the work once its
transaction commits; the task worker (or, in development and tests, the
immediate backend right after the commit) makes every width in WebP, AVIF
where Pillow writes it, and the original's own format. Until they exist,
pages show the original.
"""

import logging

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django_tasks import task
from PIL import features

from meridian.core.dependencies import changed

from . import dependencies
from .models import Image, Rendition
from .processing import EXTENSIONS, make_renditions
from .signals import image_changed

logger = logging.getLogger(__name__)

WIDTHS = (480, 800, 1200, 1600)


def modern_formats() -> list[str]:
    """Return the formats offered in <source> elements, best first."""
    formats = []
    if getattr(settings, "MEDIA_AVIF", True) and features.check("avif"):
        formats.append("AVIF")
    formats.append("WEBP")
    return formats


def rendition_formats() -> list[str]:
    """Return the formats made for every width ("FALLBACK" = the original's kind)."""
    return [*modern_formats(), "FALLBACK"]


def schedule_renditions(image: Image) -> None:
    """Enqueue the renditions of `image` once the current transaction commits."""
    image_id, source_name = image.pk, image.file.name
    transaction.on_commit(lambda: _enqueue(image_id, source_name))


def _enqueue(image_id: int, source_name: str) -> None:
    try:
        generate_renditions.enqueue(image_id=image_id, source_name=source_name)
    except Exception:
        logger.exception("Could not enqueue the renditions of image %s", image_id)


@task()
def generate_renditions(image_id: int, source_name: str) -> int:
    """Make the renditions of one image's current file; return how many were made.

    The image may have been deleted or given a new file since the task was
    enqueued: then there is nothing to do, and files made meanwhile for an
    old original are removed rather than served.
    """
    image = Image.objects.filter(pk=image_id, file=source_name).first()
    if image is None or image.animated:
        return 0
    with image.file.open("rb") as source:
        made = make_renditions(source, list(WIDTHS), rendition_formats())
    stored: list[Rendition] = []
    try:
        for result in made:
            rendition = Rendition(
                image=image,
                width=result.width,
                height=result.height,
                format=result.format,
                file_size=len(result.content),
            )
            rendition.file.save(
                f"r.{EXTENSIONS[result.format]}",
                ContentFile(result.content),
                save=False,
            )
            stored.append(rendition)
        with transaction.atomic():
            current = (
                Image.objects.select_for_update()
                .filter(pk=image_id, file=source_name)
                .first()
            )
            if current is None:
                raise LookupError("replaced or deleted meanwhile")
            current.renditions.all().delete()
            Rendition.objects.bulk_create(stored)
            changed(dependencies.image(image_id))
            key, reference_url = current.key, current.reference_url
            transaction.on_commit(
                lambda: image_changed.send(
                    sender=Image, key=key, reference_url=reference_url, deleted=False
                )
            )
    except LookupError:
        _discard(stored)
        return 0
    except Exception:
        _discard(stored)
        raise
    logger.info("Made %d renditions of image %s", len(stored), image_id)
    return len(stored)


def _discard(renditions: list[Rendition]) -> None:
    for rendition in renditions:
        rendition.file.storage.delete(rendition.file.name)


def regenerate_missing() -> int:
    """Enqueue renditions for every still image that has none; return how many."""
    missing = Image.objects.filter(animated=False, renditions__isnull=True)
    count = 0
    for image in missing.only("pk", "file"):
        _enqueue(image.pk, image.file.name)
        count += 1
    return count
