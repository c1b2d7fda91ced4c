"""Signals other apps listen to; media itself imports none of them."""

from django.dispatch import Signal

# Sent after the commit whenever what readers see of an image changes: its
# text, its file, its renditions, or its removal. Arguments: `key` (the
# image's public key), `reference_url` (the address Markdown uses for it) and
# `deleted`. The journal re-renders the articles that show it.
image_changed = Signal()
