"""Signals core sends, so the apps above it act without core naming them; and
core's own receivers, which leave side effects for after the commit."""

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import Signal, receiver

from .caching import invalidate_pages
from .models import SiteSettings, forget_site_settings

# Sent by `meridian setup` once the database and static files are ready, with
# `demo` (whether to load demo content into an empty site), `local` (a try-out on
# this computer: `meridian demo --local`) and `stdout` (where to report). The
# journal loads its demo journal here.
site_set_up = Signal()


@receiver(post_save, sender=SiteSettings)
def site_settings_changed(**kwargs) -> None:
    """Forget the cached settings and every cached page once the change commits."""
    # Every page shows the settings (the layout): invalidate_pages() bumps SITE.
    transaction.on_commit(forget_site_settings)
    invalidate_pages()
