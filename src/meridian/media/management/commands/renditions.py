from django.core.management.base import BaseCommand

from meridian.media.renditions import regenerate_missing


class Command(BaseCommand):
    help = "Enqueue the renditions of every library image that has none."

    def handle(self, *args, **options) -> None:
        count = regenerate_missing()
        self.stdout.write(f"Enqueued renditions for {count} image(s).")
