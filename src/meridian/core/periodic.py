"""Periodic jobs, run beside the task worker that `meridian serve` starts: no cron.

An app registers a job and how often it is due (`register(name, fn,
every=...)`), from its AppConfig.ready(). `meridian worker` runs the task
queue in its main thread and `Ticker` in one daemon thread beside it, so the
jobs run in that one process only: never in gunicorn's master (which forks its
workers, and a fork must not find a thread holding a lock) nor in the workers.

Each check asks the shared cache before running a job (`cache.add` of a key
that lives one period), so with several app servers, each with its worker, a
job still runs once per period across the site. A job that raises is logged,
its key dropped so the next check tries again, and the thread goes on; the
thread closes its database connection after each round, so a restarted
database server costs one failed round, not a dead scheduler.
"""

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass

from django.core.cache import cache
from django.db import close_old_connections, connection

logger = logging.getLogger(__name__)

CHECK_EVERY = 60.0  # seconds between looks at what is due, in the worker


@dataclass(frozen=True)
class Job:
    name: str
    run: Callable[[], object]
    every: int  # seconds


_jobs: dict[str, Job] = {}


def register(name: str, fn: Callable[[], object], *, every: int) -> None:
    """Run fn() once every `every` seconds across the site, beside the task worker."""
    _jobs[name] = Job(name, fn, every)


def jobs() -> list[Job]:
    return sorted(_jobs.values(), key=lambda job: job.name)


def _key(job: Job) -> str:
    return f"core:periodic:{job.name}"


def run_due() -> dict[str, object]:
    """Run every job whose period has passed; return what each one returned."""
    ran: dict[str, object] = {}
    for job in jobs():
        try:
            if not cache.add(_key(job), True, job.every):
                continue  # ran within its period, here or on another server
            ran[job.name] = job.run()
        except Exception:
            logger.exception("Periodic job %s failed; it runs again soon", job.name)
            try:
                cache.delete(_key(job))
            except Exception:
                logger.exception("Could not forget that %s ran", job.name)
    return ran


class Ticker(threading.Thread):
    """Run the due jobs now, then every CHECK_EVERY seconds, until stopped."""

    def __init__(self, every: float = CHECK_EVERY) -> None:
        super().__init__(name="meridian-periodic", daemon=True)
        self.every = every
        self._stop_event = threading.Event()

    def run(self) -> None:
        while True:
            try:
                close_old_connections()
                for name, result in run_due().items():
                    logger.info("Periodic job %s: %s", name, result)
            except Exception:
                logger.exception("Periodic jobs could not run")
            finally:
                connection.close()
            if self._stop_event.wait(self.every):
                return

    def stop(self) -> None:
        self._stop_event.set()
