"""Decoding, cleaning and resizing pictures with Pillow.

Every file the library stores is written here, from pixels alone: the EXIF
orientation is applied first, colours are converted to sRGB, and nothing of
the upload's metadata (EXIF with its GPS position and camera, XMP, comments,
colour profiles once converted) is carried over, because no metadata is ever
passed to Pillow's encoders and the image's own `info` is emptied first.
"""

import io
import logging
from dataclasses import dataclass
from typing import Any

from django.core.files import File
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageCms, ImageOps, ImageSequence

from .validation import DAMAGED_ERRORS, ImageRejected, InspectedImage

logger = logging.getLogger(__name__)

# Stored format for each accepted input: browsers cannot show HEIC.
STORED_FORMAT = {"HEIF": "JPEG"}
EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif", "AVIF": "avif"}
CONTENT_TYPES = {
    "JPEG": "image/jpeg",
    "PNG": "image/png",
    "WEBP": "image/webp",
    "GIF": "image/gif",
    "AVIF": "image/avif",
}
# The stored original is the best copy the site has: encoded generously.
ORIGINAL_OPTIONS: dict[str, dict[str, Any]] = {
    "JPEG": {"quality": 90},
    "PNG": {"compress_level": 6},
    "WEBP": {"quality": 90},
    "AVIF": {"quality": 80, "speed": 6},
    "GIF": {},
}
# Renditions are what readers download: smaller, still calm to look at.
RENDITION_OPTIONS: dict[str, dict[str, Any]] = {
    "JPEG": {"quality": 80, "optimize": True, "progressive": True},
    "PNG": {"optimize": True},
    "WEBP": {"quality": 78, "method": 4},
    "AVIF": {"quality": 60, "speed": 8},
}
# Frame information an animation needs to play; everything else is dropped.
ANIMATION_INFO = ("duration", "loop", "transparency", "background", "disposal")

DAMAGED = _("This picture is damaged or incomplete. Please export it again and retry.")


@dataclass(frozen=True)
class CleanedImage:
    """A picture ready to store: encoded bytes without metadata, and its facts."""

    content: bytes
    format: str
    width: int
    height: int
    animated: bool = False

    @property
    def extension(self) -> str:
        return EXTENSIONS[self.format]

    @property
    def content_type(self) -> str:
        return CONTENT_TYPES[self.format]


def clean_image(upload: File, inspected: InspectedImage) -> CleanedImage:
    """Decode `upload` in full and return it re-encoded without metadata.

    Raises ImageRejected if the file turns out damaged (truncated, corrupt).
    `inspected` comes from validation.inspect_upload, which has already made
    sure decoding is safe.
    """
    upload.seek(0)
    try:
        with Image.open(upload, formats=[inspected.format]) as opened:
            if inspected.animated:
                return _clean_animation(opened, inspected)
            opened.load()
            ImageOps.exif_transpose(opened, in_place=True)
            stored_format = STORED_FORMAT.get(inspected.format, inspected.format)
            image = _mode_for(to_srgb(opened), stored_format)
            content = encode(image, stored_format, ORIGINAL_OPTIONS[stored_format])
            return CleanedImage(content, stored_format, image.width, image.height)
    except ImageRejected:
        raise
    except (Image.DecompressionBombError, *DAMAGED_ERRORS):
        logger.info("Refused a damaged %s upload", inspected.format, exc_info=True)
        raise ImageRejected(DAMAGED, code="damaged") from None
    finally:
        upload.seek(0)


def _clean_animation(image: Image.Image, inspected: InspectedImage) -> CleanedImage:
    """Return an animation re-encoded frame by frame, its timing kept."""
    frames = []
    durations = []
    for frame in ImageSequence.Iterator(image):
        frame.load()
        durations.append(frame.info.get("duration", 100))
        copy = frame.convert("RGBA")
        frames.append(copy)
    first = frames[0]
    stored_format = inspected.format
    options = {
        "save_all": True,
        "append_images": frames[1:],
        "duration": durations,
        "loop": image.info.get("loop", 0),
    }
    if stored_format == "GIF":
        options["disposal"] = 2
    elif stored_format == "WEBP":
        options["quality"] = 85
    content = encode(first, stored_format, options)
    return CleanedImage(content, stored_format, first.width, first.height, True)


def to_srgb(image: Image.Image) -> Image.Image:
    """Return `image` in sRGB with its colour profile applied, not carried along.

    Browsers assume sRGB, and WebP or AVIF renditions carry no profile, so the
    conversion happens once, here. A broken profile is ignored (the pixels
    are kept as they are) rather than refusing the picture.
    """
    icc = image.info.get("icc_profile")
    if image.mode == "CMYK":
        if icc:
            converted = _apply_profile(image, icc, "RGB")
            if converted is not None:
                return converted
        return image.convert("RGB")
    if not icc or image.mode not in ("RGB", "RGBA", "L", "LA"):
        return image
    if image.mode in ("L", "LA"):
        image = image.convert("RGBA" if image.mode == "LA" else "RGB")
    converted = _apply_profile(image, icc, image.mode)
    return converted if converted is not None else image


SRGB = ImageCms.createProfile("sRGB")


def _apply_profile(image: Image.Image, icc: bytes, mode: str) -> Image.Image | None:
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        if "srgb" in (ImageCms.getProfileDescription(source) or "").lower():
            return image  # already sRGB: nothing to convert
        if image.mode == mode:
            # In place: a 40-megapixel photo is not copied to be converted.
            ImageCms.profileToProfile(image, source, SRGB, inPlace=True)
            return image
        converted = ImageCms.profileToProfile(image, source, SRGB, outputMode=mode)
    except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
        logger.info("Ignored a colour profile that could not be read", exc_info=True)
        return None
    return converted


def _mode_for(image: Image.Image, image_format: str) -> Image.Image:
    """Return `image` in a mode `image_format` can store faithfully."""
    if image.mode in ("I;16", "I;16B", "I;16L", "I"):
        # 16-bit grey: scale to 8 bits (a plain convert would clip at 255).
        image = image.convert("I").point(lambda value: value * (1 / 256)).convert("L")
    elif image.mode == "F":
        image = image.convert("L")
    has_alpha = image.mode in ("RGBA", "LA", "PA") or (
        image.mode == "P" and "transparency" in image.info
    )
    if image_format == "JPEG":
        return image.convert("RGB") if image.mode not in ("RGB", "L") else image
    if image_format in ("WEBP", "AVIF"):
        wanted = "RGBA" if has_alpha else "RGB"
        return image if image.mode == wanted else image.convert(wanted)
    if image_format == "GIF":
        return image if image.mode in ("P", "L") else image.convert("P")
    # PNG stores every common mode.
    if image.mode in ("1", "L", "LA", "RGB", "RGBA", "P"):
        return image
    return image.convert("RGBA" if has_alpha else "RGB")


def encode(image: Image.Image, image_format: str, options: dict) -> bytes:
    """Return `image` encoded as `image_format`, with no metadata at all."""
    # Encoders read some metadata from `info` (JPEG and GIF comments, PNG
    # colour profiles): keep only what the pixels need to show right.
    keep = {"transparency"} if image.mode in ("P", "L", "RGB") else set()
    image.info = {key: value for key, value in image.info.items() if key in keep}
    buffer = io.BytesIO()
    image.save(buffer, format=image_format, **options)
    return buffer.getvalue()


@dataclass(frozen=True)
class RenditionImage:
    content: bytes
    format: str
    width: int
    height: int


def fallback_format(image_format: str, has_alpha: bool) -> str:
    """Return the widely supported format a rendition of `image_format` uses."""
    if image_format in ("JPEG", "PNG"):
        return image_format
    return "PNG" if has_alpha else "JPEG"


def make_renditions(
    source: File, widths: list[int], formats: list[str]
) -> list[RenditionImage]:
    """Return `source` resized to each width (largest first) in each format.

    `source` is a stored original (already clean and sRGB). A JPEG is decoded
    straight at a fraction of its size (Pillow's draft mode), and each smaller
    width is made from the one above it, so a 24-megapixel photo never has
    more than one full-resolution copy in memory.
    """
    results = []
    with Image.open(source) as image:
        original_width, original_height = image.size
        widths = sorted({min(width, original_width) for width in widths}, reverse=True)
        largest = widths[0]
        target = (largest, max(1, round(original_height * largest / original_width)))
        if image.format == "JPEG":
            image.draft("RGB", target)
        current = image.convert("RGBA" if _has_alpha(image) else "RGB")
        has_alpha = current.mode == "RGBA"
        for width in widths:
            height = max(1, round(original_height * width / original_width))
            if current.size != (width, height):
                current = current.resize((width, height), Image.Resampling.LANCZOS)
            for image_format in formats:
                if image_format == "FALLBACK":
                    image_format = fallback_format(image.format or "", has_alpha)
                frame = _mode_for(current.copy(), image_format)
                content = encode(frame, image_format, RENDITION_OPTIONS[image_format])
                results.append(RenditionImage(content, image_format, width, height))
    return results


def _has_alpha(image: Image.Image) -> bool:
    return image.mode in ("RGBA", "LA", "PA") or (
        image.mode == "P" and "transparency" in image.info
    )
