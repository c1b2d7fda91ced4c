"""Run every few minutes (cron): the weekly digest, resumed sends, expired sign-ups."""

from django.core.management.base import BaseCommand

from meridian.subscribers.digests import start_weekly_digest
from meridian.subscribers.sending import resume_stalled_mailings
from meridian.subscribers.subscribing import purge_expired_signups


class Command(BaseCommand):
    help = (
        "Start the weekly digest when due, resume mailings whose worker stopped, "
        "and delete sign-ups nobody confirmed in 7 days. Safe to run at any time."
    )

    def handle(self, *args, **options) -> None:
        digest = start_weekly_digest()
        resumed = resume_stalled_mailings()
        purged = purge_expired_signups()
        self.stdout.write(
            f"digest: {'started' if digest else 'not due'}; "
            f"resumed mailings: {len(resumed)}; expired sign-ups deleted: {purged}"
        )
