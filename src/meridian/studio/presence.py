"""Who else has an article (or a page: "page-<id>") open: told to everyone editing it.

Kept in the shared cache (every worker sees it), refreshed by each autosave
and by the writing screen's periodic check; an entry older than a minute and
a half means the person left.
"""

import time

from django.core.cache import cache

SEEN_FOR = 90


def _key(post_id: int | str) -> str:
    return f"studio:presence:{post_id}"


def here(post_id: int | str, person) -> list[str]:
    """Note that the person has the article open; return who else does."""
    now = time.time()
    seen = {
        pk: (name, when)
        for pk, (name, when) in (cache.get(_key(post_id)) or {}).items()
        if now - when < SEEN_FOR
    }
    seen[person.pk] = (person.public_name, now)
    cache.set(_key(post_id), seen, SEEN_FOR)
    return sorted(name for pk, (name, _when) in seen.items() if pk != person.pk)


def gone(post_id: int | str, person) -> None:
    seen = cache.get(_key(post_id)) or {}
    if seen.pop(person.pk, None) is not None:
        cache.set(_key(post_id), seen, SEEN_FOR)
