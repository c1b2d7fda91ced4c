"""`meridian backup --output FILE`: the database and media in one checked archive."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from meridian.core.backup import BackupError, create_backup


class Command(BaseCommand):
    help = "Write the database and media to one archive with a manifest."

    def add_arguments(self, parser):
        parser.add_argument(
            "--output", required=True, type=Path, help="archive to write (.tar.gz)"
        )

    def handle(self, *args, output: Path, **options):
        try:
            report = create_backup(output)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Wrote {report.path} ({report.size / 1e6:.1f} MB): the {report.database} "
            f"database and {report.media_files} media file(s)."
        )
