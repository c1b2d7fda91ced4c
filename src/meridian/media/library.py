"""Adding, replacing, editing and deleting library images.

Validation and cleaning (validation.py, processing.py) happen first, in the
form, so a refused file never reaches storage; these functions only write.
Renditions are made in the background once the change is committed, and
files that readers must no longer get are deleted once it is committed.
"""

import logging
import re
import unicodedata

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction

from meridian.core.dependencies import changed

from . import dependencies
from .models import Image
from .processing import CleanedImage
from .signals import image_changed

logger = logging.getLogger(__name__)


def display_name(uploaded_name: str) -> str:
    """Return an uploaded file name fit to show and search: no path, no controls."""
    name = re.split(r"[\\/]", uploaded_name or "")[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C")
    return name.strip()[:255]


@transaction.atomic
def add_image(
    cleaned: CleanedImage,
    *,
    uploaded_name: str = "",
    alt: str = "",
    caption: str = "",
    credit: str = "",
    uploaded_by: AbstractBaseUser | None = None,
) -> Image:
    """Store a cleaned picture in the library and schedule its renditions."""
    image = Image(
        format=cleaned.format,
        width=cleaned.width,
        height=cleaned.height,
        animated=cleaned.animated,
        file_size=len(cleaned.content),
        original_name=display_name(uploaded_name),
        alt=alt.strip(),
        caption=caption.strip(),
        credit=credit.strip(),
        uploaded_by_id=uploaded_by.pk if uploaded_by is not None else None,
    )
    _store(image, cleaned)
    _after_change(image, schedule=True)
    return image


@transaction.atomic
def replace_file(image: Image, cleaned: CleanedImage, uploaded_name: str = "") -> Image:
    """Give `image` a new picture; the old file and renditions stop being served."""
    image = Image.objects.select_for_update().get(pk=image.pk)
    stale = [image.file.name]
    image.renditions.all().delete()  # their files go with them (receivers.py)
    image.format = cleaned.format
    image.width = cleaned.width
    image.height = cleaned.height
    image.animated = cleaned.animated
    image.file_size = len(cleaned.content)
    image.original_name = display_name(uploaded_name) or image.original_name
    _store(image, cleaned)
    delete_files_on_commit(stale)
    _after_change(image, schedule=True)
    return image


@transaction.atomic
def update_details(image: Image, *, alt: str, caption: str, credit: str) -> Image:
    """Change an image's text; articles showing it are rendered again."""
    image.alt = alt.strip()
    image.caption = caption.strip()
    image.credit = credit.strip()
    image.save(update_fields=["alt", "caption", "credit", "updated_at"])
    _after_change(image)
    return image


@transaction.atomic
def delete_image(image: Image) -> None:
    """Delete an image and its renditions; their files stop being served."""
    key, reference_url, pk = image.key, image.reference_url, image.pk
    image.delete()  # files are deleted after the commit (receivers.py)
    changed(dependencies.image(pk))
    transaction.on_commit(
        lambda: image_changed.send(
            sender=Image, key=key, reference_url=reference_url, deleted=True
        )
    )


def _store(image: Image, cleaned: CleanedImage) -> None:
    image.file.save(
        f"upload.{cleaned.extension}", ContentFile(cleaned.content), save=False
    )
    try:
        image.save()
    except Exception:
        # Nothing refers to the file: do not leave it behind, then fail as before.
        default_storage.delete(image.file.name)
        raise


def _after_change(image: Image, *, schedule: bool = False) -> None:
    changed(dependencies.image(image.pk))
    key, reference_url = image.key, image.reference_url
    transaction.on_commit(
        lambda: image_changed.send(
            sender=Image, key=key, reference_url=reference_url, deleted=False
        )
    )
    if schedule and not image.animated:
        from .renditions import schedule_renditions

        schedule_renditions(image)


def delete_files_on_commit(names: list[str]) -> None:
    """Delete stored files once the current transaction commits."""
    names = [name for name in names if name]

    def delete() -> None:
        for name in names:
            try:
                default_storage.delete(name)
            except OSError:
                logger.exception("Could not delete the stored file %s", name)

    transaction.on_commit(delete)
