"""The anonymous page cache, shared by every worker through Django's cache.

Readers without a session get whole pages from the cache. Each page is stored
with the versions of what it depends on (core/dependencies.py), and a change
bumps only the versions of what it affects, in the shared cache: a comment on
one article forgets that article's pages, not the site's, and a publish or a
moderation on one app server is seen by every other at once.

Each worker also keeps its latest hits in memory under the same key, so a hit
costs one small shared read (the versions of the page's tags, one get_many)
instead of reading and unpickling the whole page; that read keeps
invalidation immediate.

Pages this cache may keep also carry `X-Accel-Expires: 1`, so a front nginx
with `proxy_cache` (docs/nginx.conf) may serve them itself for one second:
nginx's speed on busy pages, and a publish still shows within a second.
"""

import hashlib
import time
from collections.abc import Callable

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache, caches
from django.core.signals import setting_changed
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control
from django.utils.http import http_date
from django.utils.translation import get_language_from_request

from . import dependencies
from .conditional import content_etag

# Short enough that a scheduled article appears within a minute of its time.
PAGE_TIMEOUT = 60
# Vary too: a stored page must tell browsers and proxies what it depends on,
# as the page first rendered did, or one could serve it to a signed-in reader.
CACHED_HEADERS = (
    "Content-Type",
    "Content-Language",
    "Link",
    "Last-Modified",
    "ETag",
    "Vary",
)
# One render per page and change across workers: the first request to miss a
# page renders it under a short lock in the shared cache; the others wait for
# its copy (see _wait_for_render).
RENDER_LOCK_SECONDS = 5
RENDER_WAIT_SECONDS = 1.0
RENDER_POLL_SECONDS = 0.005
# A copy past its deadline whose tags are all unchanged is still served for
# this long while another request renders the page again: the minute in which
# a scheduled article appears is a deadline, not a change, and every worker
# waiting for the new copy stalled a busy page once a minute (make bench).
EXPIRED_GRACE_SECONDS = RENDER_LOCK_SECONDS
# How long a front server may keep an anonymous page: the staleness readers
# may see after a change, traded for pages served without Python.
FRONT_CACHE_SECONDS = 1
# Parameters that only tell analytics where a reader came from (newsletters,
# social networks, ads): the page is the same with or without them, so they
# neither split the cache nor keep a reader from it. Any "utm_" one counts too.
TRACKING_PARAMETERS = frozenset(
    {
        "fbclid",
        "gclid",
        "dclid",
        "gbraid",
        "wbraid",
        "msclkid",
        "yclid",
        "twclid",
        "igshid",
        "mc_cid",
        "mc_eid",
        "_ga",
        "_gl",
        "ref",
    }
)


def invalidate_pages() -> None:
    """Forget every cached page and fragment once the current transaction commits.

    For changes that show on every page; anything narrower names its tags
    with `dependencies.changed()`.
    """
    dependencies.changed(dependencies.SITE)


def is_tracking_parameter(name: str) -> bool:
    """Return whether a query parameter is for analytics, not for the page."""
    return name.startswith("utm_") or name in TRACKING_PARAMETERS


def _page_path(request: HttpRequest) -> str:
    """Return the path and query string with the tracking parameters left out."""
    full_path = request.get_full_path()
    if not any(is_tracking_parameter(name) for name in request.GET):
        return full_path
    kept = request.GET.copy()
    for name in list(kept):
        if is_tracking_parameter(name):
            del kept[name]
    path = full_path.split("?", 1)[0]
    return f"{path}?{kept.urlencode()}" if kept else path


def _key(request: HttpRequest) -> str:
    """Return the page's cache key, worked out once per address and language inputs.

    Checking the host, choosing the language and hashing cost a twelfth of a
    hit; the answer depends only on these request headers and the settings.
    """
    meta = request.META
    inputs = (
        meta.get("HTTP_HOST"),
        meta.get("HTTP_X_FORWARDED_HOST"),
        meta.get("HTTP_X_FORWARDED_PORT"),
        meta.get("SERVER_NAME"),
        meta.get("SERVER_PORT"),
        request.path,
        meta.get("QUERY_STRING", ""),
        meta.get("HTTP_ACCEPT_LANGUAGE"),
        request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME),
    )
    key = _keys.get(inputs)
    if key is None:
        # Raises DisallowedHost for a host not allowed, which is never kept.
        key = _work_out_key(request)
        if len(_keys) >= KEYS_KEPT:
            _keys.clear()
        _keys[inputs] = key
    return key


def _work_out_key(request: HttpRequest) -> str:
    # Everything a page varies on before the view runs: the address and the
    # language LocaleMiddleware will pick (the cookie, else Accept-Language).
    language = get_language_from_request(request)
    page = f"{language}|{request.get_host()}{_page_path(request)}"
    raw = page.encode("utf-8", "replace")
    digest = hashlib.blake2b(raw, digest_size=16).hexdigest()
    return f"pages:{digest}"


# The key of each address lately asked for, by the request headers it is made of.
KEYS_KEPT = 4096
_keys: dict[tuple[str | None, ...], str] = {}


def _forget_keys(*, setting: str, **kwargs: object) -> None:
    # Allowed hosts, languages and the cookie's name change keys (in tests).
    _keys.clear()


setting_changed.connect(_forget_keys, dispatch_uid="meridian-page-keys")


def _read(key: str) -> tuple[tuple | None, set[str]]:
    """Return the current (status, headers, content, expires, versions) or None.

    Current means that nothing it shows has changed; it may be past its
    deadline (see _answer). With None comes the tags a stale copy depended
    on, to be read before the page is rendered again.
    """
    local = caches["local_pages"]
    hints: set[str] = set()
    # Read before the page's own tags: if it has not moved since this worker
    # last found the copy current, one shared read suffices.
    everything = dependencies.everything_version()
    held = local.get(key)
    if held is not None:
        hit, checked = held
        if dependencies.is_current_since(hit[4], checked, everything):
            if checked != everything:
                _keep_locally(key, hit, everything)
            return hit, hints
        local.delete(key)
        hints.update(hit[4])
    hit = cache.get(key)
    # Absent, stored by an older release, or long past the deadline it was
    # stored with (which holds whatever clock the cache backend keeps).
    if hit is None or len(hit) != 5 or _expired(hit, EXPIRED_GRACE_SECONDS):
        return None, hints
    if not dependencies.is_current(hit[4]):
        return None, hints | set(hit[4])
    _keep_locally(key, hit, everything)
    return hit, hints


def _keep_locally(key: str, hit: tuple, everything: int) -> None:
    """Keep a current copy in this worker, with the EVERYTHING version then."""
    if dependencies.UNKNOWN in hit[4].values():
        return  # never current: not worth a place
    timeout = hit[3] + EXPIRED_GRACE_SECONDS - time.time()
    caches["local_pages"].set(key, (hit, everything), timeout)


def _expired(hit: tuple, grace: float = 0) -> bool:
    return hit[3] + grace <= time.time()


def _cacheable_request(request: HttpRequest) -> bool:
    return (
        settings.PAGE_CACHE
        and request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        # A message waiting for this reader ("You have signed out.") is shown
        # on the next page, which a stored page would skip.
        and CookieStorage.cookie_name not in request.COOKIES
        and not request.path.startswith(settings.PAGE_CACHE_SKIP_PREFIXES)
        and _known_query(request)
    )


# Apps whose pages' own links carry other query strings say which (see below).
_query_rules: list[Callable[[HttpRequest], bool | None]] = []


def register_query_rule(rule: Callable[[HttpRequest], bool | None]) -> None:
    """Let an app say which query strings of its own pages may be cached.

    `rule(request)` answers True or False for the app's pages and None for
    any other page; it should accept only what the page's links produce.
    """
    if rule not in _query_rules:
        _query_rules.append(rule)


def _known_query(request: HttpRequest) -> bool:
    """Return whether the query string is one a reader's links produce.

    Arbitrary query strings would each fill a cache entry; such requests are
    answered fresh instead. Tracking parameters do not count.
    """
    if not request.META.get("QUERY_STRING"):
        return True
    params = [name for name in request.GET if not is_tracking_parameter(name)]
    if not params:
        return True
    for rule in _query_rules:
        verdict = rule(request)
        if verdict is not None:
            return verdict
    return (
        params == ["page"]
        and len(request.GET.getlist("page")) == 1
        and request.GET["page"].isdigit()
        and len(request.GET["page"]) <= 6
    )


def _add_validators(response: HttpResponse) -> None:
    """Give a page about to be stored its ETag and Last-Modified.

    Stored with the page, so every hit carries the same validators and a
    reader's conditional GET gets a 304 (core/conditional.py) without the page
    being hashed again.
    """
    if not response.has_header("ETag"):
        response.headers["ETag"] = content_etag(response.content)
    if not response.has_header("Last-Modified"):
        response.headers["Last-Modified"] = http_date()


def _from_cache(hit: tuple) -> HttpResponse:
    status, headers, content, _expires, _versions = hit
    response = HttpResponse(content, status=status)
    for name, value in headers.items():
        response.headers[name] = value
    response.headers["X-Cache"] = "hit"
    response.headers["X-Accel-Expires"] = str(FRONT_CACHE_SECONDS)
    return response


def _wait_for_render(key: str, hints: set[str]) -> tuple[tuple | None, set[str]]:
    """Wait for the worker rendering this page, and return its copy if current.

    A change forgets a busy page for every reader at once; without this, each
    worker thread that asks for it meanwhile renders it again. Waiting costs
    one small shared read per poll, and gives up after RENDER_WAIT_SECONDS
    (the renderer may have died) to render the page itself.
    """
    deadline = time.monotonic() + RENDER_WAIT_SECONDS
    while time.monotonic() < deadline and cache.get(f"{key}:rendering") is not None:
        time.sleep(RENDER_POLL_SECONDS)
    hit, more = _read(key)
    return hit, hints | more


class AnonymousPageCacheMiddleware:
    """Serve and store whole pages for readers who are not signed in."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with dependencies.request_versions():
            return self._answer(request)

    def _answer(self, request: HttpRequest) -> HttpResponse:
        if not _cacheable_request(request):
            response = self.get_response(request)
            if settings.SESSION_COOKIE_NAME in request.COOKIES:
                # A signed-in page is that person's: no shared cache may keep it.
                patch_cache_control(response, private=True)
            return response
        key = _key(request)
        hit, hints = _read(key)
        if hit is not None and not _expired(hit):
            return _from_cache(hit)
        lock = f"{key}:rendering"
        rendering = cache.add(lock, 1, RENDER_LOCK_SECONDS)
        if hit is not None:
            if not rendering:
                # Past its deadline, nothing in it changed, and another
                # request is rendering it again: no reader waits for that.
                return _from_cache(hit)
            hints |= set(hit[4])
        elif not rendering:
            hit, hints = _wait_for_render(key, hints)
            if hit is not None and not _expired(hit):
                return _from_cache(hit)
        try:
            recording = dependencies.Recording(hints)
            with recording.recording():
                response = self.get_response(request)
            self._store(key, request, response, recording)
        finally:
            if rendering:
                cache.delete(lock)
        return response

    def _store(
        self,
        key: str,
        request: HttpRequest,
        response: HttpResponse,
        recording: dependencies.Recording,
    ) -> None:
        if self._storable(request, response):
            _add_validators(response)
            headers = {
                name: response.headers[name]
                for name in CACHED_HEADERS
                if name in response.headers
            }
            expires = time.time() + PAGE_TIMEOUT
            entry = (
                response.status_code,
                headers,
                response.content,
                expires,
                recording.stored_versions(),
            )
            cache.set(key, entry, PAGE_TIMEOUT + EXPIRED_GRACE_SECONDS)
            _keep_locally(key, entry, recording.before[dependencies.EVERYTHING])
            response.headers["X-Cache"] = "miss"
            response.headers["X-Accel-Expires"] = str(FRONT_CACHE_SECONDS)

    @staticmethod
    def _storable(request: HttpRequest, response: HttpResponse) -> bool:
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            # A CSP nonce must never be served twice.
            and not isinstance(getattr(request, "_csp_nonce", None), str)
            and "private" not in response.headers.get("Cache-Control", "")
            and "no-store" not in response.headers.get("Cache-Control", "")
        )
