"""Import a WordPress export: idempotent, one transaction per item, and a report.

`import_wxr()` reads the file twice: first to check it is a WordPress export at all
and to learn its attachments (a gallery may name images exported after the post),
then to write. A second run over the same export updates what changed and skips
the rest, keyed on each object's WordPress ID within its source site.
"""

import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import IO

from django.db import transaction

from meridian.core.batching import gathered

from . import addresses
from .attachments import MediaImport
from .authors import Authors
from .items import ItemImporter
from .models import Source
from .report import ImportReport
from .shortcodes import Attachment
from .wxr import WxrAuthor, WxrItem, WxrReader, WxrTerm

Progress = Callable[[int, int], None]
BATCH_ITEMS = 100
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif")


@dataclass
class Scan:
    """What the first reading learns: the site, the item count, the attachments."""

    site_key: str = ""
    site_title: str = ""
    entries: int = 0
    attachments: dict[int, Attachment] = field(default_factory=dict)
    children: dict[int, list[int]] = field(default_factory=lambda: defaultdict(list))


def scan_wxr(path: str | Path | IO[bytes]) -> Scan:
    """Read the whole export once; raise WxrError if it cannot be imported."""
    reader = WxrReader(path, comments=False)
    scan = Scan()
    for entry in reader:
        scan.entries += 1
        if isinstance(entry, WxrItem) and entry.post_type == "attachment":
            url = entry.attachment_url or entry.guid
            scan.attachments[entry.wp_id] = Attachment(
                url=url,
                alt=entry.meta.get("_wp_attachment_image_alt", ""),
                caption=entry.excerpt.strip(),
                parent_id=entry.parent_id,
                file=entry.meta.get("_wp_attached_file", ""),
                line=entry.line,
            )
            if entry.parent_id and url.lower().endswith(IMAGE_SUFFIXES):
                scan.children[entry.parent_id].append(entry.wp_id)
    scan.site_key = reader.site.key or "unknown"
    scan.site_title = reader.site.title
    return scan


def import_wxr(
    path: str | Path,
    *,
    dry_run: bool = False,
    media_dir: str | Path | None = None,
    author_map: dict | None = None,
    progress: Progress | None = None,
) -> ImportReport:
    """Import an export file and return what was imported, updated, skipped, failed."""
    started = time.monotonic()
    scan = scan_wxr(path)
    report = ImportReport(dry_run=dry_run, source=scan.site_key)
    options = {"media_dir": Path(media_dir) if media_dir else None}
    if dry_run:
        # The same work inside one transaction that is then undone.
        with transaction.atomic():
            _import(path, scan, report, author_map, progress, **options)
            transaction.set_rollback(True)
    else:
        _import(path, scan, report, author_map, progress, **options)
    report.seconds = time.monotonic() - started
    return report


def _import(path, scan: Scan, report, author_map, progress, *, media_dir) -> None:
    source, _created = Source.objects.get_or_create(url=scan.site_key[:500])
    if scan.site_title and source.title != scan.site_title[:300]:
        source.title = scan.site_title[:300]
        source.save(update_fields=["title"])
    media = MediaImport(source, report, media_dir, dry_run=report.dry_run)
    media.import_all(scan.attachments)
    importer = ItemImporter(
        source=source,
        scan=scan,
        report=report,
        authors=Authors(source, author_map),
        media=media,
    )
    report.redirects += addresses.remember_feeds()
    entries = enumerate(WxrReader(path), start=1)
    # Items commit in groups, each inside its own savepoint: one bad item is
    # undone alone, and a commit per item would cost more than the item. The
    # side effects of a group (search index, cached pages) run once, after its
    # commit, for all its items together.
    while batch := list(islice(entries, BATCH_ITEMS)):
        with gathered(), transaction.atomic():
            importer.start_batch([entry for _done, entry in batch])
            for _done, entry in batch:
                if isinstance(entry, WxrAuthor):
                    importer.author(entry)
                elif isinstance(entry, WxrTerm):
                    importer.term(entry)
                else:
                    importer.item(entry)
            importer.finish_batch()
        if progress is not None:
            progress(batch[-1][0], scan.entries)
