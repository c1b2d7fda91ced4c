"""The `meridian` command: manage.py for the installed package."""

import os
import sys

HYPHENATED = {"import-wordpress", "export-wordpress"}


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "serve":
        # The production server never runs with DEBUG on, whatever the shell says.
        os.environ["MERIDIAN_DEBUG"] = "0"
        # Email and other background work wait in the database for the worker
        # that `serve` starts beside gunicorn, so no request waits on SMTP.
        os.environ.setdefault("MERIDIAN_TASKS", "database")
    if len(sys.argv) > 1 and sys.argv[1] in HYPHENATED:
        # `meridian import-wordpress` reads better than Django's import_wordpress.
        sys.argv[1] = sys.argv[1].replace("-", "_")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "meridian.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
