from django.conf import settings
from django.core.management.base import BaseCommand

from meridian.core.models import SiteSettings
from meridian.core.urlbuilding import site_is_loopback
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
        parser.add_argument(
            "--local",
            action="store_true",
            help="a try-out on this computer (`make run`): when MERIDIAN_SITE_URL "
            "is a loopback address, the demo's admin may sign in without "
            "two-factor",
        )

    def handle(self, *args, if_empty: bool, local: bool, **options):
        if if_empty and Post.objects.exists():
            return
        report = load_demo()
        self.stdout.write(f"Demo content: {report.created_posts} articles created.")
        if report.staff_password:
            self._staff_login(report.staff_password, local=local)
        for note in report.notes:
            self.stdout.write(self.style.SUCCESS(f"{note} (shown once)."))

    def _staff_login(self, password: str, *, local: bool) -> None:
        self.stdout.write(
            self.style.SUCCESS(
                f"Staff login: username {STAFF_USERNAME!r}, "
                f"password {password!r} (shown once; change it). "
                "Administration at /admin/, writing at /studio/."
            )
        )
        if local and site_is_loopback():
            site = SiteSettings.current()
            site.staff_require_2fa = False
            site.save()
            self.stdout.write(
                f"Two-factor sign-in is off for staff on this local demo, because "
                f"{settings.SITE_URL} is reachable from this computer only. A site "
                f"with any other address always requires it."
            )
        else:
            self.stdout.write(
                "Staff set up two-factor sign-in (an authenticator app) when they "
                "first sign in."
            )
