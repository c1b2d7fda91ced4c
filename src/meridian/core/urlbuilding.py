"""Absolute URLs from MERIDIAN_SITE_URL, never from the request's Host header."""

import ipaddress
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings


def absolute_url(path: str) -> str:
    """Return the site's public address joined with a path."""
    return settings.SITE_URL + path


def file_url(url: str) -> str:
    """Return a stored file's address for use off the site (feeds, the API, email).

    Files on disk have site paths; object storage already gives an absolute URL
    (its bucket or CDN), which must not get the site's address in front.
    """
    return url if url.startswith(("https://", "http://")) else absolute_url(url)


def site_is_loopback() -> bool:
    """Return whether the site's address is this computer only (a local try-out).

    Only such a site may relax a security default, e.g. staff two-factor for
    the demo that `make run` loads: nobody else can reach it.
    """
    host = (urlsplit(settings.SITE_URL).hostname or "").rstrip(".").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def on_site(url: str) -> str:
    """Return an absolute http(s) URL moved onto the site's public address.

    Libraries build links from the request (its Host header and port); links
    that leave the site, in emails above all, must name MERIDIAN_SITE_URL.
    """
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return url
    return absolute_url(
        urlunsplit(("", "", parts.path or "/", parts.query, parts.fragment))
    )
