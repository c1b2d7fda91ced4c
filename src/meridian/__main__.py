"""The `meridian` command: manage.py for the installed package."""

import os
import sys

HYPHENATED = {"import-wordpress", "export-wordpress"}


def _option(argv: list[str], name: str) -> str | None:
    """Return the value of `--name VALUE` or `--name=VALUE` in argv."""
    for index, arg in enumerate(argv):
        if arg == name and index + 1 < len(argv):
            return argv[index + 1]
        if arg.startswith(name + "="):
            return arg.partition("=")[2]
    return None


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "serve":
        # The production server never runs with DEBUG on, whatever the shell says.
        os.environ["MERIDIAN_DEBUG"] = "0"
        # Email and other background work wait in the database for the worker
        # that `serve` starts beside gunicorn, so no request waits on SMTP.
        os.environ.setdefault("MERIDIAN_TASKS", "database")
        # The site's links follow the address it serves on, unless
        # MERIDIAN_SITE_URL says otherwise (settings.py).
        bind = _option(sys.argv, "--bind")
        if bind:
            os.environ["MERIDIAN_BIND"] = bind
    if len(sys.argv) > 1 and sys.argv[1] in HYPHENATED:
        # `meridian import-wordpress` reads better than Django's import_wordpress.
        sys.argv[1] = sys.argv[1].replace("-", "_")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "meridian.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
