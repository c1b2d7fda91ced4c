"""Template helpers shared by every app."""

import json

from django import template
from django.utils.html import _json_script_escapes
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


@register.filter
def jsonld(data: dict) -> SafeString:
    """Render a JSON-LD block; <, > and & are escaped so it cannot end the script."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, default=str)
    escaped = text.translate(_json_script_escapes)
    return mark_safe(f'<script type="application/ld+json">{escaped}</script>')
