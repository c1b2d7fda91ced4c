"""A cache in each worker's memory that keeps values as they are, unpickled.

Django's LocMemCache pickles every value it stores and unpickles it on every
read, so that no reader can change what another reads. What a worker keeps
between changes (core/dependencies.py `kept`) is read on every request: eight
rendered fragments and the article on an article page, the whole page on a
page-cache hit. Unpickling them cost about a tenth of an article page with the
page cache off, and checking each key for memcached's rules (a loop over its
characters) more.

This backend stores the object itself and hands the same object to every
thread of the worker. Keep only what nobody changes once stored: strings,
bytes, tuples of them and dicts that are only read. Something a reader may
change (a model instance) is copied by whoever reads it (`reader_copy`), as
journal/lookups.py does with the article. Keys are made by the code (names
and digests), so memcached's key rules are not checked.
"""

from collections import OrderedDict
from collections.abc import Callable
from threading import Lock
from typing import Any, TypeVar

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.locmem import LocMemCache
from django.db.models import Model
from django.db.models.base import ModelState

M = TypeVar("M", bound=Model)


def reader_copy(instance: M) -> M:
    """Return a request's own shallow copy of a kept model instance.

    What `copy.copy` gives (Django's __getstate__: the fields, the instance's
    state and its cache of related rows copied; the related rows themselves
    shared, to be only read), without its round through pickling's protocol:
    1 us instead of 6.5 for the article, on every article page.
    """
    copied = object.__new__(type(instance))
    fields = instance.__dict__.copy()
    state = object.__new__(ModelState)
    state.__dict__.update(instance._state.__dict__)
    if "fields_cache" in state.__dict__:  # else made on first use, as Django does
        state.fields_cache = dict(state.fields_cache)
    fields["_state"] = state
    copied.__dict__.update(fields)
    return copied


class WorkerMemoryCache(LocMemCache):
    """LocMemCache without pickling; values are shared, never to be changed."""

    # LocMemCache's own, which django-stubs does not declare.
    _cache: OrderedDict[str, Any]
    _lock: Lock
    _has_expired: Callable[[str], bool]
    _set: Callable[..., None]
    _delete: Callable[[str], bool]

    def validate_key(self, key: str) -> None:
        """Keys are the code's own names and digests: nothing to check."""

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None) -> bool:
        key = self.make_key(key, version=version)
        with self._lock:
            if self._has_expired(key):
                self._set(key, value, timeout)
                return True
            return False

    def get(self, key, default=None, version=None):
        key = self.make_key(key, version=version)
        with self._lock:
            if self._has_expired(key):
                self._delete(key)
                return default
            value = self._cache[key]
            self._cache.move_to_end(key, last=False)
        return value

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None) -> None:
        key = self.make_key(key, version=version)
        with self._lock:
            self._set(key, value, timeout)

    def incr(self, key, delta=1, version=None):
        key = self.make_key(key, version=version)
        with self._lock:
            if self._has_expired(key):
                self._delete(key)
                raise ValueError(f"Key '{key}' not found")
            value = self._cache[key] + delta
            self._cache[key] = value
            self._cache.move_to_end(key, last=False)
        return value
