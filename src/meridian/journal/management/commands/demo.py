from django.core.management.base import BaseCommand

from meridian.journal.demo import STAFF_USERNAME, load_demo
from meridian.journal.models import Post


class Command(BaseCommand):
    help = "Load the demo journal (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="only when the site has no articles yet",
        )

    def handle(self, *args, if_empty: bool, **options):
        if if_empty and Post.objects.exists():
            return
        report = load_demo()
        self.stdout.write(f"Demo content: {report.created_posts} articles created.")
        if report.staff_password:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Administrator login (/admin/ and /studio/): username "
                    f"{STAFF_USERNAME!r}, password {report.staff_password!r} "
                    "(shown once; change it)."
                )
            )
        for note in report.notes:
            self.stdout.write(self.style.SUCCESS(f"{note} (shown once)."))
