"""`meridian setup`: everything `make run` does before serving."""

import secrets

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from meridian.core.signals import site_set_up


class Command(BaseCommand):
    help = "Write a secret key if none is set, migrate, collect static, load demo."

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-demo", action="store_true", help="do not load the demo content"
        )
        parser.add_argument(
            "--local",
            action="store_true",
            help="a try-out on this computer (`make run`): see `meridian demo --local`",
        )

    def handle(self, *args, no_demo: bool, local: bool, **options):
        key_file = settings.DATA_DIR / "secret_key"
        if settings.SECRET_KEY.startswith("django-insecure-") and not key_file.exists():
            key_file.write_text(secrets.token_urlsafe(50) + "\n")
            key_file.chmod(0o600)
            self.stdout.write(f"Wrote a new secret key to {key_file}")
        call_command("migrate", interactive=False, verbosity=0)
        call_command("collectstatic", interactive=False, verbosity=0)
        # The journal loads its demo then (core names no app above it).
        site_set_up.send(
            sender=self.__class__, demo=not no_demo, local=local, stdout=self.stdout
        )
