"""{% slot "name" %}: render what the apps registered for a place of the layout."""

from django import template
from django.utils.safestring import SafeString, mark_safe

from meridian.core import slots

register = template.Library()


@register.simple_tag(takes_context=True)
def slot(context, place: str) -> SafeString:
    """Render each template registered for place with the page's context."""
    engine = context.template.engine
    parts = []
    for name in slots.templates_for(place):
        with context.push():
            parts.append(engine.get_template(name).render(context))
    return mark_safe("".join(parts))
