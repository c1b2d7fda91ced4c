"""Signals core sends, so the apps above it act without core naming them."""

from django.dispatch import Signal

# Sent by `meridian setup` once the database and static files are ready, with
# `demo` (whether to load demo content into an empty site), `local` (a try-out on
# this computer: `meridian demo --local`) and `stdout` (where to report). The
# journal loads its demo journal here.
site_set_up = Signal()
