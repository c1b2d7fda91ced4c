"""`meridian worker`: the background-task worker, with the periodic jobs beside it."""

import os

from django.core.management import call_command
from django.core.management.base import BaseCommand

from meridian.core import periodic


class Command(BaseCommand):
    help = (
        "Run the database task worker and, in a thread beside it, the periodic "
        "jobs (weekly digest, resumed sends, expired sign-ups): what `meridian "
        "serve` starts, so no cron is needed."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--interval",
            type=float,
            default=1.0,
            help="seconds between looks at an empty task queue (default: 1)",
        )
        parser.add_argument(
            "--nice",
            type=int,
            default=0,
            help="lower the worker's CPU priority by this much (`meridian serve` "
            "gives 10: readers' pages before emails)",
        )

    def handle(self, *args, interval: float, nice: int, **options) -> None:
        if nice > 0 and hasattr(os, "nice"):
            os.nice(nice)
        ticker = periodic.Ticker()
        ticker.start()
        try:
            call_command("db_worker", interval=interval)
        finally:
            ticker.stop()
