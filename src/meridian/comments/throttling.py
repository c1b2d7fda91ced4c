"""Comment rate limits per person and per IP, counted in the shared cache.

Counts live in Django's default cache (files under the data dir or Redis), so
the limit holds across every worker and app server. The window is fixed: the
first comment in a window creates the counter with the window as its timeout,
and each later one increments it (atomic on Redis).
"""

import hashlib
import re
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

DEFAULT_RATE = "5/10m"
_RATE = re.compile(r"^\s*(\d+)\s*/\s*(\d*)\s*([smhd]?)\s*$")
_UNITS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}


@dataclass(frozen=True)
class Rate:
    count: int
    seconds: int


def parse_rate(text: str) -> Rate | None:
    """Parse "5/10m" (5 per 10 minutes); return None when limits are off ("0").

    A value that cannot be read falls back to the default rather than to no limit.
    """
    if (text or "").strip().lower() in ("", "0", "off"):
        return None
    match = _RATE.match(text) or _RATE.match(DEFAULT_RATE)
    assert match is not None  # DEFAULT_RATE always matches
    count, amount, unit = match.groups()
    if int(count) == 0:
        return None
    return Rate(int(count), max(1, int(amount or 1) * _UNITS[unit]))


def client_ip(request: HttpRequest) -> str:
    """Return the reader's IP: the proxy's last hop when behind a trusted proxy."""
    if getattr(settings, "SECURE_PROXY_SSL_HEADER", None):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if hops:
            return hops[-1]
    return request.META.get("REMOTE_ADDR", "")


def _key(scope: str, ident: str, rate: Rate) -> str:
    digest = hashlib.blake2b(ident.encode(), digest_size=12).hexdigest()
    window = int(time.time()) // rate.seconds
    return f"comments:rate:{scope}:{digest}:{rate.seconds}:{window}"


def _hit(key: str, rate: Rate) -> int:
    cache.add(key, 0, rate.seconds)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, rate.seconds)
        return 1


def allow_comment(rate_text: str, *, person: str, ip: str) -> bool:
    """Count one comment for the person and the IP; return False over the limit."""
    rate = parse_rate(rate_text)
    if rate is None:
        return True
    allowed = True
    for scope, ident in (("person", person), ("ip", ip)):
        if ident and _hit(_key(scope, ident, rate), rate) > rate.count:
            allowed = False
    return allowed
