"""`meridian prune`: drop personal data past its retention period now."""

from django.core.management.base import BaseCommand

from meridian.core.retention import prune_now


class Command(BaseCommand):
    help = (
        "Drop personal data kept longer than Site settings allow (address "
        "fingerprints). `meridian serve`'s task worker does it by itself."
    )

    def handle(self, *args, **options):
        for name, count in prune_now().items():
            self.stdout.write(f"{name}: {count} dropped")
