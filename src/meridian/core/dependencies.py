"""What a cached page or fragment shows, so a change forgets only what shows it.

A page declares what it depends on as tags while it renders
(`depends_on("post:12", "listings")`); a change names the tags it affects
(`changed("post:12")`). Each tag has a version in the shared cache; a cached
page or fragment is stored with the versions of its tags as they were before
it was rendered, and a hit is good only while every one of them is unchanged
(one `get_many`). `changed()` gives its tags new versions once the transaction
commits, so every worker and app server sees the change at once.

Two tags are implicit. Every page depends on `SITE` (the site's settings show
in the layout of every page). A page that declares nothing depends on
`EVERYTHING`, which every change bumps: such a page is forgotten as often as
the whole cache used to be, never stale.

Versions are random numbers, never counters: a bump from any worker, or a tag
evicted and made again, gives a value no stored page was ever rendered under,
without an atomic increment.
"""

import secrets
from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TypeVar

from django.core.cache import BaseCache, cache

from .batching import after_commit

SITE = "site"
EVERYTHING = "*"
PREFIX = "dep:"
# A bulk change (an import) that names more tags than this forgets every page:
# one write instead of thousands.
MANY_TAGS = 200
# Stored with a page whose tags were first read after it was rendered while
# something changed: it never matches, and its tags are read first next time.
UNKNOWN = -1

T = TypeVar("T")

# The tags declared by each page or fragment being rendered, innermost last.
_recordings: ContextVar[tuple[set[str], ...]] = ContextVar("recordings", default=())
# Versions read in this request, each before the data it guards: reading a
# tag once per request keeps a page with several fragments to one shared read.
_seen: ContextVar[dict[str, int] | None] = ContextVar("seen", default=None)


def depends_on(*tags: str) -> None:
    """Declare that the page (and fragments) being rendered show what `tags` name."""
    for recording in _recordings.get():
        recording.update(tags)


def changed(*tags: str) -> None:
    """Forget the pages and fragments that depend on `tags`, once the commit is done.

    Inside `core.batching.gathered()` the tags of every change are bumped
    together, once, at the end.
    """
    after_commit(bump, *tags)


def bump(tags: Sequence[Hashable]) -> None:
    """Give `tags` (and EVERYTHING) new versions now."""
    names = {str(tag) for tag in tags} - {EVERYTHING}
    if len(names) > MANY_TAGS:
        names = {SITE}
    cache.set_many({PREFIX + tag: _fresh() for tag in names}, timeout=None)
    # Last: a reader that sees EVERYTHING unchanged may trust a copy it found
    # current before (core/caching.py), so every other tag must be new first.
    cache.set(PREFIX + EVERYTHING, _fresh(), timeout=None)


def _fresh() -> int:
    return secrets.randbits(62)


def versions(tags: Iterable[str], *, fresh: bool = False) -> dict[str, int]:
    """Return the current version of each tag (read once per request unless `fresh`).

    Within a request, also those this worker read since EVERYTHING last moved.
    """
    seen = _seen.get()
    wanted = set(tags)
    found = {}
    if seen is not None and not fresh:
        if EVERYTHING not in seen and not wanted <= seen.keys():
            # First: while EVERYTHING has not moved, every version this worker
            # read since is current, and one shared read checks them all.
            seen[EVERYTHING] = _read({EVERYTHING})[EVERYTHING]
        found = {tag: seen[tag] for tag in wanted if tag in seen}
        wanted -= found.keys()
        if wanted and EVERYTHING in seen:
            known = _known_since(seen[EVERYTHING])
            found.update({tag: known[tag] for tag in wanted if tag in known})
            wanted -= found.keys()
            for tag in found:
                seen.setdefault(tag, found[tag])
    if wanted:
        read = _read(wanted)
        if seen is not None:
            for tag, version in read.items():
                seen.setdefault(tag, version)
            if EVERYTHING in seen and EVERYTHING not in wanted and not fresh:
                _remember(seen[EVERYTHING], read)
        found.update(read)
    return found


# The versions this worker read while EVERYTHING had the version it is kept
# with, each read after that one. A change bumps EVERYTHING last, so while a
# request still finds it so, none of them has moved: after each change the
# pages checked again share their tags' reads instead of each reading them
# all (under steady comments, most hits check a page again).
_since: tuple[int, dict[str, int]] = (UNKNOWN, {})


def _known_since(everything: int) -> dict[str, int]:
    epoch, known = _since
    return known if epoch == everything else {}


def _remember(everything: int, read: dict[str, int]) -> None:
    global _since
    epoch, known = _since
    if epoch != everything:
        known = {}
        _since = (everything, known)
    known.update({tag: version for tag, version in read.items() if version != UNKNOWN})


def _read(tags: set[str]) -> dict[str, int]:
    stored = cache.get_many([PREFIX + tag for tag in tags])
    found = {key.removeprefix(PREFIX): value for key, value in stored.items()}
    missing = tags - found.keys()
    if missing:
        # Never seen, or evicted: a new version, which no stored page carries.
        for tag in missing:
            cache.add(PREFIX + tag, _fresh(), timeout=None)
        again = cache.get_many([PREFIX + tag for tag in missing])
        found.update({key.removeprefix(PREFIX): value for key, value in again.items()})
    return {tag: found.get(tag, UNKNOWN) for tag in tags}


def everything_version() -> int:
    """Return EVERYTHING's version, read once per request."""
    seen = _seen.get()
    if seen is not None and EVERYTHING in seen:
        return seen[EVERYTHING]
    return versions({EVERYTHING})[EVERYTHING]


def is_current(stored: dict[str, int]) -> bool:
    """Return whether every tag still has the version something was stored with."""
    if UNKNOWN in stored.values():
        return False
    return versions(stored) == stored


def is_current_since(stored: dict[str, int], checked: int, everything: int) -> bool:
    """Return whether a copy found current while EVERYTHING was `checked` still is.

    A change bumps EVERYTHING last of its tags, so while EVERYTHING still has
    that version (`everything`, read first) none of them has moved and the
    copy is trusted without reading its tags; else they are compared. Kept
    values (`kept`) and each worker's page copies (core/caching.py) use it.
    """
    return checked == everything or is_current(stored)


@contextmanager
def request_versions() -> Iterator[None]:
    """Read each tag's version at most once while a request is answered."""
    token = _seen.set({})
    try:
        yield
    finally:
        _seen.reset(token)


class Recording:
    """The tags a page or fragment declares while it renders, and their versions.

    `hints` are the tags the last rendering of the same thing declared: their
    versions are read before rendering, so a change committed meanwhile makes
    the stored copy stale, as it must. Tags first declared during this
    rendering are read after it, and kept only if nothing at all changed in
    between (EVERYTHING still has the version read before).
    """

    def __init__(self, hints: Iterable[str] = ()) -> None:
        self.tags: set[str] = set()
        self.before = versions({SITE, EVERYTHING, *hints})

    @contextmanager
    def recording(self) -> Iterator["Recording"]:
        token = _recordings.set((*_recordings.get(), self.tags))
        try:
            yield self
        finally:
            _recordings.reset(token)

    def stored_versions(self, *, site_wide: bool = False) -> dict[str, int]:
        """Return the tag versions to store with what was rendered.

        Having declared nothing, it depends on EVERYTHING; or, when `site_wide`
        (a part of the layout), on SITE alone.
        """
        tags = {SITE, *(self.tags or ({SITE} if site_wide else {EVERYTHING}))}
        known = {tag: self.before[tag] for tag in tags if tag in self.before}
        new = tags - known.keys()
        if new:
            after = versions(new | {EVERYTHING}, fresh=True)
            still = after[EVERYTHING] == self.before[EVERYTHING]
            known.update({tag: after[tag] if still else UNKNOWN for tag in new})
        return known


def kept(
    store: BaseCache,
    key: str,
    make: Callable[[], T],
    *,
    timeout: int,
    site_wide: bool = False,
) -> tuple[T, dict[str, int]]:
    """Return what `make()` gives, kept in `store` while the tags it declares hold.

    Also return the versions it is kept with, for the caller to declare to the
    page around it. A copy is used only while every tag has its version; else
    `make()` runs again, its last tags read first (Recording). None is never
    kept: what is not found is asked again. Once found current, a copy is
    marked with EVERYTHING's version and trusted without comparing its tags
    until EVERYTHING moves, as a page's local copy is (core/caching.py).
    """
    hints: set[str] = set()
    stored = store.get(key)
    if stored is not None:
        value, stored_versions, checked = stored
        # The mark is changed in place (a worker-memory store keeps the list
        # itself, so its lifetime stays the one it was stored with).
        everything = everything_version()
        if is_current_since(stored_versions, checked[0], everything):
            checked[0] = everything
            return value, stored_versions
        hints.update(stored_versions)
    recording = Recording(hints)
    with recording.recording():
        value = make()
    made_versions = recording.stored_versions(site_wide=site_wide)
    if value is not None:
        # Checked in full on its first use, then marked.
        store.set(key, (value, made_versions, [UNKNOWN]), timeout)
    return value, made_versions
