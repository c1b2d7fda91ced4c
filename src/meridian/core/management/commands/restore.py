"""`meridian restore FILE`: put a checked archive's database and media in place."""

from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from meridian.core.backup import BackupError, restore_backup
from meridian.core.readiness import pending_migrations


class Command(BaseCommand):
    help = (
        "Restore a `meridian backup` archive after checking its checksums and "
        "schema; stop the server first."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path)

    def handle(self, *args, archive: Path, **options):
        try:
            report = restore_backup(archive)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Restored the {report.database} database and "
            f"{report.media_files} media file(s) from {archive}."
        )
        for path in report.set_aside:
            self.stdout.write(f"What it replaced is kept at {path}")
        if pending_migrations():
            # An archive from an older release: bring its schema up to this one.
            call_command("migrate", interactive=False, verbosity=0)
            self.stdout.write("Migrated the restored database to this release.")
