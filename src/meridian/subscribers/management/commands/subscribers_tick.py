"""Run the subscribers' tick once (`meridian worker` runs it every 5 minutes)."""

from django.core.management.base import BaseCommand

from meridian.subscribers.ticking import tick


class Command(BaseCommand):
    help = (
        "Start the weekly digest when due, resume mailings whose worker stopped, "
        "and delete sign-ups nobody confirmed in 7 days. Safe to run at any time; "
        "`meridian worker` (started by `meridian serve`) runs it every 5 minutes."
    )

    def handle(self, *args, **options) -> None:
        self.stdout.write(tick())
