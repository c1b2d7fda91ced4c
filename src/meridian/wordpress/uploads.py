"""Imports started from the Studio: store the upload, import it in the background.

The file waits under the data dir (not in media storage, which may be a public
bucket: an export holds commenters' email addresses) until the task worker
reads it, and is deleted once imported. Progress and the summary are kept on
the ImportRun row, which the run's page shows.
"""

import logging
import time
import uuid
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from .importer import import_wxr
from .models import ImportRun
from .wxr import WxrError

logger = logging.getLogger(__name__)

# How often the row learns the progress: often enough for a page that
# refreshes every few seconds, seldom enough to cost nothing.
PROGRESS_EVERY_SECONDS = 1.0


def upload_dir() -> Path:
    return Path(settings.DATA_DIR) / "wordpress-imports"


def start_import(upload: UploadedFile, user) -> ImportRun:
    """Keep the uploaded export and ask the task worker to import it."""
    folder = upload_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{uuid.uuid4().hex}.xml"
    with path.open("wb") as target:
        for chunk in upload.chunks():
            target.write(chunk)
    run = ImportRun.objects.create(
        file_name=(upload.name or "export.xml")[:255],
        stored_path=str(path),
        started_by=user if user.is_authenticated else None,
    )
    transaction.on_commit(lambda: run_import.enqueue(run_id=run.pk))
    return run


@task()
def run_import(run_id: int) -> str:
    """Import an uploaded export, noting progress on its row; return the status."""
    waiting = ImportRun.objects.filter(pk=run_id, status=ImportRun.Status.WAITING)
    if not waiting.update(status=ImportRun.Status.RUNNING):
        return "skipped"  # taken by another worker, or deleted
    path = Path(ImportRun.objects.get(pk=run_id).stored_path)
    last = 0.0

    def progress(done: int, total: int) -> None:
        nonlocal last
        now = time.monotonic()
        if now - last >= PROGRESS_EVERY_SECONDS or done == total:
            last = now
            ImportRun.objects.filter(pk=run_id).update(
                items_done=done, items_total=total
            )

    status, summary = ImportRun.Status.FAILED, ""
    try:
        report = import_wxr(path, progress=progress)
    except WxrError as error:
        summary = str(error)
    except OSError as error:
        logger.exception("WordPress import %s could not read its file", run_id)
        summary = f"The uploaded file could not be read: {error.strerror or error}"
    except Exception:
        logger.exception("WordPress import %s failed", run_id)
        summary = "The import stopped on an unexpected error; the log has details."
    else:
        status = ImportRun.Status.DONE
        rate = report.items / report.seconds if report.seconds else 0
        summary = (
            f"{report}\n\n{report.items:,} items in {report.seconds:.1f} s"
            f" ({rate:,.0f} items/s)"
        )
    finally:
        path.unlink(missing_ok=True)
    ImportRun.objects.filter(pk=run_id).update(
        status=status, summary=summary, stored_path="", finished_at=timezone.now()
    )
    return status
