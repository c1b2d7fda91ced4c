"""{% picture %} and {% share_image %}: library images in templates."""

from django import template
from django.utils.safestring import SafeString

from meridian.core.dependencies import depends_on
from meridian.core.urlbuilding import absolute_url
from meridian.media import dependencies, markup

register = template.Library()

SIZES = {"article": markup.ARTICLE_SIZES, "card": markup.CARD_SIZES}


@register.simple_tag
def picture(
    image,
    sizes: str = "article",
    loading: str = "lazy",
    priority: bool = False,
    alt: str | None = None,
    css_class: str = "",
) -> SafeString | str:
    """Render a library image responsively; `sizes` is "article", "card" or a value."""
    if image is None:
        return ""
    depends_on(dependencies.image(image.pk))
    return markup.picture(
        image,
        alt=alt,
        sizes=SIZES.get(sizes, sizes),
        loading=loading,
        fetchpriority="high" if priority else "",
        css_class=css_class,
    )


@register.simple_tag
def share_image(image) -> dict | None:
    """Return url, width, height, type and alt of the image to share (og:image)."""
    if image is None:
        return None
    depends_on(dependencies.image(image.pk))
    url, width, height, content_type = markup.best_rendition(image)
    return {
        "url": url if url.startswith(("https://", "http://")) else absolute_url(url),
        "width": width,
        "height": height,
        "type": content_type,
        "alt": image.alt,
    }
