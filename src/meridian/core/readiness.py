"""What a running site needs before it can serve readers, checked cheaply.

`meridian serve` refuses to start when static files or migrations are missing,
and `/readyz` tells a load balancer whether this app server can take traffic.
"""

import logging
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor

logger = logging.getLogger(__name__)


def static_files_collected() -> bool:
    """Return whether `collectstatic` has run (its manifest exists)."""
    storage = settings.STORAGES["staticfiles"]["BACKEND"]
    if "Manifest" in storage:
        return (settings.STATIC_ROOT / "staticfiles.json").exists()
    return any(settings.STATIC_ROOT.iterdir())


def pending_migrations(alias: str = DEFAULT_DB_ALIAS) -> list[str]:
    """Return the migrations not yet applied to the database, as app.name."""
    executor = MigrationExecutor(connections[alias])
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return [f"{migration.app_label}.{migration.name}" for migration, _ in plan]


def _database() -> str | None:
    with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
        cursor.execute("SELECT 1")
    return None


def _cache() -> str | None:
    key = f"readyz:{uuid.uuid4().hex}"
    cache.set(key, "1", 10)
    found = cache.get(key)
    cache.delete(key)
    return None if found == "1" else "the cache did not keep a value"


def _task_queue() -> str | None:
    backend = settings.TASKS["default"]["BACKEND"]
    if backend != settings.TASK_BACKENDS["database"]:
        return None  # work runs in-process: nothing to reach
    from django_tasks_db.models import DBTaskResult

    DBTaskResult.objects.exists()
    return None


def _migrations() -> str | None:
    pending = pending_migrations()
    if pending:
        return f"{len(pending)} migration(s) not applied: run `meridian migrate`"
    return None


CHECKS = {
    "database": _database,
    "cache": _cache,
    "task_queue": _task_queue,
    "migrations": _migrations,
}


def check_readiness() -> dict[str, str]:
    """Return each check's verdict: "ok", or what failed."""
    results = {}
    for name, check in CHECKS.items():
        try:
            problem = check()
        except Exception:  # any failure means "not ready"
            # The details (host names, credentials in messages) go to the log,
            # not to whoever asks /readyz.
            logger.exception("readiness check %s failed", name)
            problem = "unreachable"
        results[name] = problem or "ok"
    return results
