from django.core.management.base import BaseCommand

from meridian.wordpress.exporter import export_wxr


class Command(BaseCommand):
    help = "Write the whole journal as a WordPress export (WXR 1.2) to standard output."

    def add_arguments(self, parser):
        parser.add_argument(
            "--site-url",
            help="the address files and links are given under (default: the site's)",
        )

    def handle(self, *args, site_url, **options):
        export_wxr(self.stdout._out, site_url=site_url)
