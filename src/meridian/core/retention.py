"""Keep personal data only as long as Site settings say, then drop it.

Each app registers a pruner for what it keeps (comments: the fingerprints of
writers' network addresses). `prune_personal_data` runs them all as a
background task, so the task worker does the deleting.

Nothing needs cron: under `meridian serve` (which calls schedule_on_requests)
a request enqueues the task at most once every PRUNE_EVERY across all workers
(a key in the shared cache), looking at the cache at most once every
CHECK_EVERY per process; the worker beside gunicorn runs it. A site nobody
visits gains no new data, and its first visitor schedules the overdue prune.
Elsewhere (tests, one-off commands) `meridian prune` does it at once.
"""

import logging
import time
from collections.abc import Callable
from datetime import datetime

from django.core.cache import cache
from django.core.signals import request_started
from django.utils import timezone
from django_tasks import task

logger = logging.getLogger(__name__)

PRUNE_EVERY = 6 * 3600  # seconds between prunes, across the site
CHECK_EVERY = 600.0  # seconds between looks at the shared cache, per process
_SCHEDULED_KEY = "core:retention:scheduled"

Pruner = Callable[[object, datetime], int]
_pruners: dict[str, Pruner] = {}
_next_check = 0.0


def register_pruner(name: str, fn: Pruner) -> None:
    """Add fn(site_settings, now) -> number of records it dropped."""
    _pruners[name] = fn


def prune_now() -> dict[str, int]:
    """Run every pruner; return what each one dropped."""
    from .models import SiteSettings

    site = SiteSettings.current()
    now = timezone.now()
    dropped = {name: fn(site, now) for name, fn in sorted(_pruners.items())}
    if any(dropped.values()):
        logger.info("Dropped personal data past its retention: %s", dropped)
    return dropped


@task()
def prune_personal_data() -> dict[str, int]:
    return prune_now()


def schedule_on_requests() -> None:
    """Let served requests enqueue the prune when it is due (`meridian serve`)."""
    request_started.connect(schedule_pruning, dispatch_uid=_SCHEDULED_KEY)


def schedule_pruning(**kwargs) -> None:
    """Enqueue the prune when it is due (see the module's docstring)."""
    global _next_check
    now = time.monotonic()
    if now < _next_check:
        return
    _next_check = now + CHECK_EVERY
    try:
        if cache.add(_SCHEDULED_KEY, True, PRUNE_EVERY):
            prune_personal_data.enqueue()
    except Exception:
        # Never a reason to fail a page; the next check tries again.
        cache.delete(_SCHEDULED_KEY)
        logger.exception("Could not schedule the retention prune")
