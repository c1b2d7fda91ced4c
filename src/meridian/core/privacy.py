"""A registry through which each app exports and erases a person's data.

Apps contribute in their AppConfig.ready(): `accounts` adds the profile and
email addresses, `comments` adds the person's comments. Nothing here knows
what the data is, so a new app joins without changing the others.
"""

import logging
from collections.abc import Callable
from typing import Any

from django.db import transaction

logger = logging.getLogger(__name__)

Exporter = Callable[[Any], Any]
Eraser = Callable[[Any, str], None]

_exporters: dict[str, Exporter] = {}
_erasers: dict[str, Eraser] = {}


def register_exporter(name: str, fn: Exporter) -> None:
    """Add fn(user) -> JSON-ready data, exported under `name`."""
    _exporters[name] = fn


def register_eraser(name: str, fn: Eraser) -> None:
    """Add fn(user, policy) that erases or anonymises the person's data."""
    _erasers[name] = fn


def unregister(name: str) -> None:
    """Remove an exporter and eraser (used by tests)."""
    _exporters.pop(name, None)
    _erasers.pop(name, None)


def export_user_data(user) -> dict[str, Any]:
    """Return everything the site holds about `user`, one key per contributor."""
    return {name: fn(user) for name, fn in sorted(_exporters.items())}


def erase_user_data(user, policy: str) -> None:
    """Run every eraser in one transaction; `policy` is "erase" or "anonymise"."""
    with transaction.atomic():
        for name, fn in sorted(_erasers.items()):
            logger.info("Erasing %s data of user %s (%s)", name, user.pk, policy)
            fn(user, policy)
