"""`meridian search-rebuild`: index every published article and page again."""

import time

from django.core.management.base import BaseCommand

from meridian.search.indexing import rebuild_index


class Command(BaseCommand):
    help = "Rebuild the search index from the published articles and pages."

    def handle(self, *args, **options) -> None:
        started = time.perf_counter()
        count = rebuild_index()
        seconds = time.perf_counter() - started
        self.stdout.write(f"Indexed {count} articles and pages in {seconds:.1f} s.")
