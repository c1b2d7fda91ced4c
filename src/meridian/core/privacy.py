"""A registry through which each app exports, erases and explains a person's data.

Apps contribute in their AppConfig.ready(), as WordPress's exporters and erasers
do: `accounts` adds the profile and email addresses, `comments` the person's
comments, and so on. Each app also says, in its own words, what it holds and what
deleting the account does to it, and may hold a deletion back (an author's
articles). Nothing here knows what the data is, so a new app joins without
changing the others, and the account pages list whatever is registered.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import transaction

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

logger = logging.getLogger(__name__)

# Each takes the person's user object (the project's user model, which core does
# not know).
Exporter = Callable[[Any], Any]
Eraser = Callable[[Any], None]
DeletionCheck = Callable[[Any], "StrOrPromise | None"]


@dataclass(frozen=True)
class Description:
    """What the data page says about one app's part of a person's data."""

    held: "StrOrPromise"  # in the download: "Every comment you have written here"
    # What deleting the account does to it, asked when the page is shown (it may
    # follow a site setting).
    on_deletion: Callable[[], "StrOrPromise"] | None = None
    order: int = 50


_exporters: dict[str, Exporter] = {}
_erasers: dict[str, Eraser] = {}
_descriptions: dict[str, Description] = {}
_deletion_checks: dict[str, DeletionCheck] = {}


def register_exporter(name: str, fn: Exporter) -> None:
    """Add fn(user) -> JSON-ready data, exported under `name`."""
    _exporters[name] = fn


def register_eraser(name: str, fn: Eraser) -> None:
    """Add fn(user), which erases or anonymises the person's data in `name`.

    Erasers run in name order, in one transaction, before the account is deleted;
    each follows its own app's settings (e.g. comments: erase or anonymise).
    """
    _erasers[name] = fn


def describe(
    name: str,
    held: "StrOrPromise",
    on_deletion: Callable[[], "StrOrPromise"] | None = None,
    *,
    order: int = 50,
) -> None:
    """Say what `name` holds about a person, and what account deletion does to it.

    The data page lists the descriptions by `order`, then name.
    """
    _descriptions[name] = Description(held, on_deletion, order)


def register_deletion_check(name: str, fn: DeletionCheck) -> None:
    """Add fn(user) -> a reason the account cannot be deleted yet, or None."""
    _deletion_checks[name] = fn


def unregister(name: str) -> None:
    """Remove everything registered under `name` (used by tests)."""
    for registry in (_exporters, _erasers, _descriptions, _deletion_checks):
        registry.pop(name, None)


def descriptions() -> list[Description]:
    """Return what each app holds about a person, in the data page's order."""
    ordered = sorted(_descriptions.items(), key=lambda item: (item[1].order, item[0]))
    return [description for _name, description in ordered]


def export_user_data(user: Any) -> dict[str, Any]:
    """Return everything the site holds about `user`, one key per contributor."""
    return {name: fn(user) for name, fn in sorted(_exporters.items())}


def deletion_refusals(user: Any) -> list["StrOrPromise"]:
    """Return why `user`'s account cannot be deleted yet (empty when it can)."""
    reasons = (fn(user) for _name, fn in sorted(_deletion_checks.items()))
    return [reason for reason in reasons if reason]


def erase_user_data(user: Any) -> None:
    """Run every eraser in one transaction."""
    with transaction.atomic():
        for name, fn in sorted(_erasers.items()):
            logger.info("Erasing %s data of user %s", name, user.pk)
            fn(user)
