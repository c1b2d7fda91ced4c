"""Side effects of many changes, gathered and run once after their commit.

An edit in the Studio changes one article, and its side effects (forget the
cached pages, index the article) run once its transaction commits. A bulk change
such as a WordPress import changes thousands of rows in a few transactions; run
per row, the same side effects cost more than the rows themselves. Inside
`gathered()`, `after_commit(function, *keys)` only notes the keys, and when the
block ends each function runs once with all the keys it was given, after the
commit (and not at all if the enclosing transaction rolls back).

A gathered function must read what it needs from the database rather than trust
its keys: a key may belong to a row whose savepoint was rolled back.
"""

import logging
from collections.abc import Callable, Hashable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar

from django.db import transaction

logger = logging.getLogger(__name__)

Gathered = Callable[[Sequence[Hashable]], None]
_pending: ContextVar[dict[Gathered, dict[Hashable, None]] | None] = ContextVar(
    "meridian_gathered_side_effects", default=None
)


def after_commit(function: Gathered, *keys: Hashable) -> None:
    """Run `function(keys)` after the commit, with other keys if gathering."""
    pending = _pending.get()
    if pending is None:
        transaction.on_commit(lambda: function(keys))
        return
    # A dict keeps the keys in the order they came, once each.
    pending.setdefault(function, {}).update(dict.fromkeys(keys))


@contextmanager
def gathered() -> Iterator[None]:
    """Gather after_commit() calls in the block; run each function once at its end."""
    if _pending.get() is not None:  # an outer block runs them
        yield
        return
    pending: dict[Gathered, dict[Hashable, None]] = {}
    token = _pending.set(pending)
    try:
        yield
    finally:
        _pending.reset(token)
        if pending:
            # Now if the block's work is committed, else after the enclosing
            # commit, and never after a rollback.
            transaction.on_commit(lambda: _run(pending))


def _run(pending: dict[Gathered, dict[Hashable, None]]) -> None:
    for function, keys in pending.items():
        try:
            function(list(keys))
        except Exception:
            # The changes are committed; one failed side effect must not keep
            # the others from running.
            logger.exception("Gathered side effect failed: %s", function.__name__)
