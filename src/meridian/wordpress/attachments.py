"""WordPress uploads into the media library, and image addresses rewritten to them.

Files come only from the `wp-content/uploads` folder given with --media-dir:
nothing is ever downloaded. Each goes through the library's own checks and
cleaning (metadata stripped, renditions made in the background). Every size
WordPress made of a picture (`room-300x200.jpg`, `room-scaled.jpg`) leads to the
one library image.
"""

import hashlib
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction

from meridian.media.library import add_image, update_details
from meridian.media.models import Image
from meridian.media.processing import clean_image
from meridian.media.validation import inspect_upload

from .models import ImportedPost, Source
from .report import ImportReport
from .shortcodes import Attachment

logger = logging.getLogger(__name__)

UPLOADS = "/wp-content/uploads/"
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif", ".heic")
# What WordPress appends for its sizes, big-image scaling, rotation and edits.
_VARIANT = re.compile(r"(?:-\d+x\d+|-scaled|-rotated|-e\d{13})+(?=\.[A-Za-z0-9]+$)")


def upload_key(address: str) -> str | None:
    """Return the uploads-relative path of a file address, sizes removed, or None."""
    path = unquote(urlsplit(address.strip()).path)
    if UPLOADS in path:
        path = path.split(UPLOADS, 1)[1]
    elif "://" in address or address.startswith("/"):
        return None
    return _VARIANT.sub("", path).lower() or None


def _digest(attachment: Attachment) -> str:
    text = f"{attachment.alt}\x00{attachment.caption}".encode()
    return hashlib.blake2b(text, digest_size=16).hexdigest()


@dataclass
class MediaImport:
    """The library images this import made or found, by WordPress ID and address."""

    source: Source
    report: ImportReport
    media_dir: Path | None
    dry_run: bool = False
    by_key: dict[str, Image | None] = field(default_factory=dict)
    by_id: dict[int, Image] = field(default_factory=dict)
    by_url: dict[str, Image | None] = field(default_factory=dict)

    def import_all(self, attachments: dict[int, Attachment]) -> None:
        images = {wp_id: a for wp_id, a in attachments.items() if _is_image(a)}
        # Documents and other files stay where the old site keeps them.
        skipped = self.report.counts["attachments"]
        skipped["skipped"] += len(attachments) - len(images)
        if self.media_dir is None:
            if images:
                skipped["skipped"] += len(images)
                self.report.note(
                    "attachments",
                    0,
                    f"{len(images)} pictures",
                    "not imported: give --media-dir (the wp-content/uploads folder)",
                )
            return
        known = {
            row.wp_id: row
            for row in ImportedPost.objects.filter(
                source=self.source, post_type="attachment"
            ).select_related("image")
        }
        for wp_id, attachment in images.items():
            self.one(wp_id, attachment, known.get(wp_id))

    def one(self, wp_id: int, attachment: Attachment, mapping) -> None:
        label = f"attachment {wp_id} “{attachment.file or attachment.url}”"
        key = upload_key(attachment.file or attachment.url)
        try:
            with transaction.atomic():
                image, outcome = self._write(wp_id, attachment, mapping)
        except (ValidationError, OSError) as error:
            message = error.messages[0] if isinstance(error, ValidationError) else error
            self.report.fail("attachments", attachment.line, label, str(message))
            return
        except Exception as error:
            logger.exception("WordPress attachment at line %s", attachment.line)
            self.report.fail("attachments", attachment.line, label, str(error))
            return
        if outcome == "missing":
            self.report.skip(
                "attachments",
                attachment.line,
                label,
                "file not found under --media-dir",
            )
            return
        self.report.count("attachments", outcome)
        for address in (attachment.url, attachment.file):
            address_key = upload_key(address) if address else None
            if address_key:
                self.by_key[address_key] = image
        if key:
            self.by_key[key] = image
        self.by_url[attachment.url] = image
        if image is not None:
            self.by_id[wp_id] = image

    def _write(self, wp_id: int, attachment: Attachment, mapping):
        if mapping is not None and mapping.image is not None:
            image = mapping.image
            if mapping.digest == _digest(attachment):
                return image, "skipped"
            update_details(
                image, alt=attachment.alt[:250], caption=attachment.caption[:300],
                credit=image.credit,
            )  # fmt: skip
            mapping.digest = _digest(attachment)
            mapping.save(update_fields=["digest"])
            return image, "updated"
        path = self._find(attachment)
        if path is None:
            return None, "missing"
        with path.open("rb") as handle:
            upload = File(handle, name=path.name)
            inspected = inspect_upload(upload)
            if self.dry_run:
                return None, "imported"
            cleaned = clean_image(upload, inspected)
        image = add_image(
            cleaned,
            uploaded_name=path.name,
            alt=attachment.alt[:250],
            caption=attachment.caption[:300],
        )
        ImportedPost.objects.update_or_create(
            source=self.source,
            wp_id=wp_id,
            defaults={
                "post_type": "attachment",
                "guid": attachment.url[:500],
                "digest": _digest(attachment),
                "image": image,
            },
        )
        return image, "imported"

    def _find(self, attachment: Attachment) -> Path | None:
        assert self.media_dir is not None
        root = self.media_dir.resolve()
        for relative in (attachment.file, _after_uploads(attachment.url)):
            if not relative:
                continue
            candidate = (root / relative.lstrip("/")).resolve()
            # Never outside the folder given, whatever the export says.
            if candidate.is_relative_to(root) and candidate.is_file():
                return candidate
        return None

    def rewrite(self, address: str, used_in: str) -> str:
        """Return the library address for an uploads address; note it if missing."""
        if address in self.by_url:
            image = self.by_url[address]
            return image.reference_url if image is not None else address
        key = upload_key(address)
        if key is None or not key.endswith(IMAGE_SUFFIXES):
            return address
        if key in self.by_key:
            image = self.by_key[key]
            return image.reference_url if image is not None else address
        self.report.missing_media[address].add(used_in)
        return address


def _after_uploads(url: str) -> str:
    path = unquote(urlsplit(url).path)
    return path.split(UPLOADS, 1)[1] if UPLOADS in path else ""


def _is_image(attachment: Attachment) -> bool:
    return (attachment.file or attachment.url).lower().endswith(IMAGE_SUFFIXES)
