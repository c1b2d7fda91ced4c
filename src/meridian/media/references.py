"""Library images in Markdown: `![alt](/media/library/<key> "caption")`.

The address is the image's stable reference (it survives a new file), and a
request for it redirects to the current file, so the Markdown also reads as
ordinary image syntax anywhere else. The renderer hook turns it into
<picture> markup, and a <figure> with <figcaption> when it stands alone in
its paragraph with a caption (the Markdown title) or a credit.
"""

import re

from django.conf import settings

from meridian.core.rendering import ImageReference

from .markup import ARTICLE_SIZES, picture
from .models import Image

_KEY = r"(?P<key>[A-Za-z0-9_-]{6,16})"


def _reference_pattern() -> re.Pattern:
    prefixes = [re.escape(settings.MEDIA_URL)]
    site_url = getattr(settings, "SITE_URL", "")
    if site_url and settings.MEDIA_URL.startswith("/"):
        prefixes.append(re.escape(site_url + settings.MEDIA_URL))
    return re.compile(rf"^(?:{'|'.join(prefixes)})library/{_KEY}/?$")


def key_from_url(url: str) -> str | None:
    """Return the library key an image address refers to, or None."""
    match = _reference_pattern().match(url.strip())
    return match.group("key") if match else None


def keys_in(markdown: str) -> list[str]:
    """Return the keys of the library images a Markdown text shows, in order."""
    pattern = re.compile(
        rf"!\[[^\]]*\]\(\s*<?(?:{re.escape(getattr(settings, 'SITE_URL', ''))})?"
        rf"{re.escape(settings.MEDIA_URL)}library/{_KEY}"
    )
    return list(
        dict.fromkeys(match.group("key") for match in pattern.finditer(markdown))
    )


def images_without_alt(markdown: str) -> list[Image]:
    """Return the library images a text shows that have no alt text anywhere.

    An image's own alt text counts, and so does alt text written in the
    Markdown itself.
    """
    keys = keys_in(markdown)
    if not keys:
        return []
    pattern = re.compile(
        rf"!\[(?P<alt>[^\]]*)\]\(\s*<?[^)\s]*library/{_KEY}", re.UNICODE
    )
    written = {
        match.group("key")
        for match in pattern.finditer(markdown)
        if match.group("alt").strip()
    }
    return [
        image
        for image in Image.objects.filter(key__in=keys, alt="")
        if image.key not in written
    ]


def render_library_image(reference: ImageReference) -> str | None:
    """Return <picture> markup for a library image; None for any other address.

    A deleted image renders as nothing rather than as a broken picture.
    """
    key = key_from_url(reference.src)
    if key is None:
        return None
    image = Image.objects.for_display().filter(key=key).first()
    if image is None:
        return ""
    return str(
        picture(
            image,
            alt=reference.alt.strip() or image.alt,
            sizes=ARTICLE_SIZES,
            caption=reference.title.strip(),
            credit=image.credit if reference.standalone else "",
            figure=reference.standalone,
            loading="eager" if reference.first else "lazy",
        )
    )
