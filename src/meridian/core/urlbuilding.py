"""Absolute URLs from MERIDIAN_SITE_URL, never from the request's Host header."""

from django.conf import settings


def absolute_url(path: str) -> str:
    """Return the site's public address joined with a path."""
    return settings.SITE_URL + path
