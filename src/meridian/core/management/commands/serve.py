"""`meridian serve`: the production server (gunicorn, DEBUG off)."""

import argparse
import multiprocessing
import subprocess
import sys

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from gunicorn.app.base import BaseApplication


def gunicorn_options(
    bind: str, workers: int, threads: int, *, access_log: bool = True
) -> dict:
    """Return gunicorn's settings for `meridian serve` and the bench baseline."""
    return {
        "bind": bind,
        "workers": workers,
        "threads": threads,
        "worker_class": "gthread" if threads > 1 else "sync",
        # A line per request costs about a fifth of the cached-page throughput;
        # behind a front server that logs already, --no-access-log saves it.
        "accesslog": "-" if access_log else None,
        "errorlog": "-",
        "timeout": 30,
        "graceful_timeout": 10,
        "preload_app": True,
        # gunicorn 27's control socket has one default path per user, so
        # two sites on one machine would fight over it.
        "control_socket_disable": True,
    }


class WSGIServer(BaseApplication):
    """Run a WSGI application under gunicorn with the given settings."""

    def __init__(self, options: dict, load_application=None):
        self.options = options
        self.load_application = load_application or _meridian
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self):
        return self.load_application()


def _meridian():
    from meridian.wsgi import application

    return application


class Command(BaseCommand):
    help = "Serve the site with gunicorn (DEBUG off)."

    def add_arguments(self, parser):
        parser.add_argument("--bind", default="127.0.0.1:8000", help="HOST:PORT")
        parser.add_argument(
            "--workers",
            type=int,
            default=min(4, multiprocessing.cpu_count() + 1),
            help="worker processes",
        )
        parser.add_argument("--threads", type=int, default=2)
        parser.add_argument(
            "--task-worker",
            action=argparse.BooleanOptionalAction,
            default=True,
            help="run the background-task worker beside gunicorn when tasks "
            "are queued in the database (default: on)",
        )
        parser.add_argument(
            "--access-log",
            action=argparse.BooleanOptionalAction,
            default=True,
            help="log every request to stdout (default: on)",
        )

    def handle(self, *args, bind, workers, threads, access_log, task_worker, **options):
        if settings.SECRET_KEY.startswith("django-insecure-"):
            raise CommandError(
                "Refusing to start without a secret key: set MERIDIAN_SECRET_KEY "
                "(or run `meridian setup`, which writes one under the data dir)."
            )
        self.stdout.write(f"Meridian is serving on http://{bind}/ ({workers} workers)")
        options = gunicorn_options(bind, workers, threads, access_log=access_log)
        worker = self._start_task_worker() if task_worker else None
        try:
            WSGIServer(options).run()
        finally:
            if worker is not None:
                worker.terminate()
                worker.wait(timeout=10)

    def _start_task_worker(self) -> subprocess.Popen | None:
        """Start `meridian db_worker` when tasks wait in the database."""
        backend = settings.TASKS["default"]["BACKEND"]
        if backend != settings.TASK_BACKENDS["database"]:
            return None
        self.stdout.write("Background tasks: a database queue worker runs beside it")
        return subprocess.Popen(
            [sys.executable, "-m", "meridian", "db_worker", "--interval", "1"],
        )
