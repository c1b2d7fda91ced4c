import sys

from django.core.management.base import BaseCommand, CommandError

from meridian.wordpress.authors import AuthorMapError, read_author_map
from meridian.wordpress.importer import import_wxr
from meridian.wordpress.progress import Progress
from meridian.wordpress.wxr import WxrError


class Command(BaseCommand):
    help = "Import a WordPress export (WXR) file; a second run updates, never doubles."

    def add_arguments(self, parser):
        parser.add_argument("export", help="the .xml file from Tools → Export")
        parser.add_argument(
            "--dry-run", action="store_true", help="report what would happen only"
        )
        parser.add_argument(
            "--media-dir", help="the site's wp-content/uploads folder, for images"
        )
        parser.add_argument(
            "--author-map",
            help="a file of `wordpress_login = username` lines for existing people",
        )

    def handle(self, *args, export, dry_run, media_dir, author_map, **options):
        # The plain stream (what call_command was given, else the process's):
        # the bar rewrites its line, which the command's line-ending wrapper
        # would break.
        progress = Progress(options.get("stderr") or sys.stderr)
        try:
            people = read_author_map(author_map) if author_map else None
            report = import_wxr(
                export,
                dry_run=dry_run,
                media_dir=media_dir,
                author_map=people,
                progress=progress,
            )
        except (WxrError, AuthorMapError, OSError) as error:
            raise CommandError(f"{export}: {error}") from error
        progress.finish()
        self.stdout.write(str(report))
        rate = report.items / report.seconds if report.seconds else 0
        self.stdout.write(
            f"\n{report.items:,} items in {report.seconds:.1f} s ({rate:,.0f} items/s)"
        )
        if report.failed:
            raise CommandError(f"{report.failed} items failed; see above.")
