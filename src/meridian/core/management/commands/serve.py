"""`meridian serve`: the production server (gunicorn, DEBUG off)."""

import argparse
import errno
import gc
import multiprocessing
import os
import socket
import subprocess
import sys

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connections
from gunicorn.app.base import BaseApplication

from meridian.core import retention
from meridian.core.readiness import pending_migrations, static_files_collected
from meridian.core.serverlog import (
    ACCESS_LOG_FORMAT,
    ServerLogger,
    ServerLoggerWithAddresses,
)

# How much lower the background-task worker's CPU priority is than the server's.
TASK_WORKER_NICE = 10


def gunicorn_options(
    bind: str,
    workers: int,
    threads: int,
    *,
    access_log: bool = True,
    log_client_address: bool = False,
    behind_proxy: bool = False,
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
        "access_log_format": ACCESS_LOG_FORMAT,
        "logger_class": ServerLoggerWithAddresses
        if log_client_address
        else ServerLogger,
        "errorlog": "-",
        # gunicorn believes X-Forwarded-Proto (and so hands Django an https
        # request) from loopback by default; only a site behind a proxy may.
        # FORWARDED_ALLOW_IPS names a proxy on another host.
        "forwarded_allow_ips": os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
        if behind_proxy
        else "",
        # One listening socket per worker (SO_REUSEPORT): the kernel spreads
        # new connections over the workers evenly. With one shared socket, the
        # worker awake when a client connects takes every keep-alive
        # connection it opens, and a cached page ran on one worker out of
        # three: make bench measured 1,500 or 3,300 req/s for the same page
        # from one run to the next (README "Benchmarks").
        "reuse_port": True,
        "timeout": 30,
        "graceful_timeout": 10,
        "preload_app": True,
        "pre_fork": freeze_before_fork,
        # gunicorn 27's control socket has one default path per user, so
        # two sites on one machine would fight over it.
        "control_socket_disable": True,
    }


def freeze_before_fork(server, worker) -> None:
    """Leave what the master loaded (Django, the apps, templates) to no collector.

    Every worker starts with the objects the preloaded master made, about
    130,000 of them, and each full collection in a worker walked them all:
    a pause of about 60 ms for one reader now and then, and writes to pages
    the workers would otherwise share with the master. Frozen, they are
    never collected (they live as long as the server anyway).
    """
    gc.freeze()


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


def _refuse_taken_address(bind: str) -> None:
    """Stop if something already listens on `bind`.

    Each worker binds its own socket with SO_REUSEPORT (gunicorn_options), which
    would let a second server on the same address start and quietly take a
    share of the first one's readers instead of failing.
    """
    host, _, port = bind.rpartition(":")
    if bind.startswith(("unix:", "fd://")) or not port.isdigit():
        return
    host = host.strip("[]") or "0.0.0.0"
    try:
        family = socket.getaddrinfo(host, int(port), type=socket.SOCK_STREAM)[0][0]
    except socket.gaierror:
        return  # gunicorn says what is wrong with the address
    probe = socket.socket(family, socket.SOCK_STREAM)
    try:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        probe.bind((host, int(port)))
    except OSError as error:
        if error.errno == errno.EADDRINUSE:
            raise CommandError(
                f"Refusing to start: {bind} is already in use "
                "(another `meridian serve`?)."
            ) from error
    finally:
        probe.close()


def _meridian():
    from meridian.wsgi import application

    return application


class Command(BaseCommand):
    help = "Serve the site with gunicorn (DEBUG off)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--bind",
            default=os.environ.get("MERIDIAN_BIND", "127.0.0.1:8000"),
            help="HOST:PORT (default: MERIDIAN_BIND, else 127.0.0.1:8000)",
        )
        parser.add_argument(
            "--workers",
            type=int,
            default=min(4, multiprocessing.cpu_count() + 1),
            help="worker processes",
        )
        # Requests that write (a comment, a sign-in) wait on the database; with
        # two threads a few of them left each worker's queued readers waiting
        # behind them (make loadtest: readers fell to 30% of their rate beside
        # 20 commenters; with eight they keep about 75%). Cached pages are
        # bound by the GIL either way, so more threads cost readers nothing.
        parser.add_argument("--threads", type=int, default=8)
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
        parser.add_argument(
            "--log-client-address",
            action=argparse.BooleanOptionalAction,
            default=settings.LOG_CLIENT_ADDRESS,
            help="keep readers' IP addresses in the access log "
            "(default: MERIDIAN_LOG_CLIENT_ADDRESS, else off)",
        )

    def handle(
        self,
        *args,
        bind,
        workers,
        threads,
        access_log,
        log_client_address,
        task_worker,
        **options,
    ):
        self._refuse_unready_site()
        # The checks above opened a connection; the workers forked from this
        # process must not share it (each thread opens and keeps its own).
        connections.close_all()
        _refuse_taken_address(bind)
        # Data past its retention period is dropped by the task worker; the
        # served requests enqueue that work (no cron needed).
        retention.schedule_on_requests()
        self.stdout.write(f"Meridian is serving on http://{bind}/ ({workers} workers)")
        options = gunicorn_options(
            bind,
            workers,
            threads,
            access_log=access_log,
            log_client_address=log_client_address,
            behind_proxy=settings.BEHIND_PROXY,
        )
        worker = self._start_task_worker() if task_worker else None
        try:
            WSGIServer(options).run()
        finally:
            if worker is not None:
                worker.terminate()
                worker.wait(timeout=10)

    def _refuse_unready_site(self) -> None:
        """Stop with the command to run rather than serve a site that cannot work."""
        if settings.SECRET_KEY.startswith("django-insecure-"):
            raise CommandError(
                "Refusing to start without a secret key: set MERIDIAN_SECRET_KEY "
                "(or run `meridian setup`, which writes one under the data dir)."
            )
        pending = pending_migrations()
        if pending:
            raise CommandError(
                f"Refusing to start: {len(pending)} database migration(s) are not "
                f"applied (first: {pending[0]}). Run `meridian migrate` "
                "(or `meridian setup`)."
            )
        if not static_files_collected():
            raise CommandError(
                "Refusing to start: static files were never collected, so every "
                "page would fail. Run `meridian collectstatic --noinput` "
                "(or `meridian setup`)."
            )

    def _start_task_worker(self) -> subprocess.Popen | None:
        """Start `meridian worker` (tasks and periodic jobs) for the database queue."""
        backend = settings.TASKS["default"]["BACKEND"]
        if backend != settings.TASK_BACKENDS["database"]:
            return None
        self.stdout.write(
            "Background tasks: a database queue worker runs beside it, "
            "with the periodic jobs (digests, resumed sends)"
        )
        # Niced: on a busy server readers' pages come first, and emails
        # (comment notifications, subscriber sends) wait a little.
        return subprocess.Popen(
            [
                *(sys.executable, "-m", "meridian", "worker", "--interval", "1"),
                *("--nice", str(TASK_WORKER_NICE)),
            ],
        )
