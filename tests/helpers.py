"""Helpers the test modules share (fixtures are in conftest.py, factories in
factories.py)."""

from django.core.cache import cache

from meridian.core.models import CACHE_KEY, SiteSettings


def configure_site(**fields) -> SiteSettings:
    """Change site settings at once (the on-commit cache purge never runs in `db`)."""
    SiteSettings.objects.get_or_create(pk=1)
    SiteSettings.objects.filter(pk=1).update(**fields)
    cache.delete(CACHE_KEY)
    return SiteSettings.current()
