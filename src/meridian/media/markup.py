"""<picture> markup for library images: srcset, sizes, width, height, alt."""

from collections import defaultdict

from django.db.models import prefetch_related_objects
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from .models import Image
from .processing import CONTENT_TYPES
from .renditions import modern_formats

# The article column is 42rem wide, the phone screen less its margins.
ARTICLE_SIZES = "(min-width: 46rem) 42rem, calc(100vw - 2.5rem)"
CARD_SIZES = "(min-width: 40rem) 10rem, 5rem"
# The <img> itself points at the rendition nearest to this width.
DEFAULT_WIDTH = 800


def renditions_by_format(image: Image) -> dict[str, list]:
    """Return the image's renditions grouped by format, narrowest first."""
    grouped: dict[str, list] = defaultdict(list)
    if "renditions" not in getattr(image, "_prefetched_objects_cache", {}):
        # Loaded on first use and kept on the instance: a page that shows the
        # image twice (the article and its og:image) asks once, and a page
        # whose fragments are cached does not ask at all.
        prefetch_related_objects([image], "renditions")
    for rendition in image.renditions.all():
        grouped[rendition.format].append(rendition)
    for items in grouped.values():
        items.sort(key=lambda item: item.width)
    return grouped


def _srcset(items) -> str:
    return ", ".join(f"{item.file.url} {item.width}w" for item in items)


def picture(
    image: Image,
    *,
    alt: str | None = None,
    sizes: str = ARTICLE_SIZES,
    loading: str = "lazy",
    fetchpriority: str = "",
    caption: str = "",
    credit: str = "",
    figure: bool = False,
    css_class: str = "",
) -> SafeString:
    """Return markup showing `image` at the right size for every screen.

    With renditions: a <picture> offering AVIF and WebP sources and an <img>
    in the original's own kind. Before they exist: the original, alone in
    its srcset. `figure` wraps it with its caption and credit when it has any.
    """
    alt = image.alt if alt is None else alt
    grouped = renditions_by_format(image)
    sources = []
    for image_format in modern_formats():
        if grouped.get(image_format):
            sources.append(
                format_html(
                    '<source type="{}" srcset="{}" sizes="{}">',
                    CONTENT_TYPES[image_format],
                    _srcset(grouped[image_format]),
                    sizes,
                )
            )
    fallback = [
        items
        for image_format, items in grouped.items()
        if image_format not in modern_formats()
    ]
    if fallback:
        candidates = fallback[0]
        src = min(candidates, key=lambda item: abs(item.width - DEFAULT_WIDTH))
        src_url, srcset = src.file.url, _srcset(candidates)
    else:
        src_url, srcset = image.file.url, f"{image.file.url} {image.width}w"
    extra = format_html(' fetchpriority="{}"', fetchpriority) if fetchpriority else ""
    if css_class:
        extra += format_html(' class="{}"', css_class)
    img = format_html(
        '<img src="{}" srcset="{}" sizes="{}" width="{}" height="{}" alt="{}" '
        'loading="{}" decoding="async"{}>',
        src_url,
        srcset,
        sizes,
        image.width,
        image.height,
        alt,
        loading,
        extra,
    )
    markup = (
        mark_safe(f"<picture>{''.join(sources)}{img}</picture>") if sources else img
    )
    if figure and (caption or credit):
        parts = [escape(caption)] if caption else []
        if credit:
            parts.append(format_html("<small>{}</small>", credit))
        return format_html(
            "<figure>{}<figcaption>{}</figcaption></figure>",
            markup,
            mark_safe(" ".join(parts)),
        )
    return markup


def best_rendition(image: Image, width: int = 1200) -> tuple[str, int, int, str]:
    """Return (url, width, height, content type) of the widest fallback ≤ width.

    For og:image and feeds: a format every client reads, large enough to share.
    """
    grouped = renditions_by_format(image)
    for image_format, items in grouped.items():
        if image_format in modern_formats():
            continue
        fitting = [item for item in items if item.width <= width] or items[:1]
        chosen = fitting[-1]
        return (
            chosen.file.url,
            chosen.width,
            chosen.height,
            CONTENT_TYPES.get(chosen.format, ""),
        )
    return image.file.url, image.width, image.height, image.content_type
