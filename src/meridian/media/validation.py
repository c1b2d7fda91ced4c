"""Checking an upload by its content, before anything is decoded or stored.

Pillow reads only the header here: the real format, the size and the number
of frames. A file is judged by what it is, never by its name or the content
type the browser claimed. The full decode happens later, in processing.py,
once the size is known to be safe.
"""

import warnings
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files import File
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from PIL import Image, UnidentifiedImageError, features

MAX_BYTES = 20 * 1024 * 1024
MAX_PIXELS = 40_000_000
# Longest side, and how much longer than the shorter side it may be: a
# 1 x 60,000 strip has few pixels but is no picture, and its renditions would
# be absurd. WebP, which every rendition is also written in, stops at 16,383.
MAX_SIDE = 12_000
MAX_ASPECT_RATIO = 10
MAX_FRAMES = 100
# Every frame of an animation is decoded in turn: bound their sum too.
MAX_ANIMATION_PIXELS = 25_000_000

# Pillow's names for the formats a clinic's pictures come in. Passing the list
# to Image.open keeps Pillow from even trying its other decoders (EPS, PSD ...).
FORMATS = ("JPEG", "PNG", "WEBP", "GIF")
OPTIONAL_FORMATS = ("AVIF", "HEIF")


def accepted_formats() -> tuple[str, ...]:
    """Return the formats accepted: the four of the web, and AVIF/HEIC if readable."""
    readable = [name for name in OPTIONAL_FORMATS if name in Image.OPEN]
    if "AVIF" in readable and not features.check("avif"):
        readable.remove("AVIF")
    return FORMATS + tuple(readable)


def accepted_formats_label() -> str:
    """Return the accepted formats for messages, e.g. "JPEG, PNG, WebP or GIF"."""
    names = {"WEBP": "WebP", "HEIF": "HEIC"}
    labels = [names.get(name, name) for name in accepted_formats()]
    return _("%(list)s or %(last)s") % {
        "list": ", ".join(labels[:-1]),
        "last": labels[-1],
    }


class ImageRejected(ValidationError):
    """The upload is not a picture the library accepts; the message says why."""


NOT_A_PICTURE = gettext_lazy(
    "This file is not a picture we can use. Please upload a %(formats)s image."
)


@dataclass(frozen=True)
class InspectedImage:
    """What the header of an acceptable upload says."""

    format: str
    width: int
    height: int
    frames: int

    @property
    def animated(self) -> bool:
        return self.frames > 1


def inspect_upload(upload: File) -> InspectedImage:
    """Return the header facts of `upload`, or raise ImageRejected.

    `upload` is a Django UploadedFile (or any file object with a size). Only
    the header is parsed, so a decompression bomb is refused before it can
    take the memory its pixels would need.
    """
    size = getattr(upload, "size", None)
    if size is None:
        upload.seek(0, 2)
        size = upload.tell()
    if size == 0:
        raise ImageRejected(_("The file is empty."), code="empty")
    if size > MAX_BYTES:
        raise ImageRejected(
            _("The file is %(size)s MB; pictures may be at most %(max)s MB.")
            % {"size": _megabytes(size), "max": MAX_BYTES // (1024 * 1024)},
            code="too_large",
        )
    upload.seek(0)
    try:
        with warnings.catch_warnings():
            # Pillow only warns between its own limit and twice it; refuse.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(upload, formats=accepted_formats())
            width, height = image.size
            _check_dimensions(width, height)
            frames = _frame_count(image)
            picture_format = image.format or ""
    except ImageRejected:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ImageRejected(_too_many_pixels(), code="too_many_pixels") from None
    except (UnidentifiedImageError, *DAMAGED_ERRORS):
        raise ImageRejected(
            NOT_A_PICTURE % {"formats": accepted_formats_label()},
            code="not_a_picture",
        ) from None
    finally:
        upload.seek(0)
    if frames > MAX_FRAMES:
        raise ImageRejected(
            _(
                "This animation has %(frames)s frames; animations may have at "
                "most %(max)s."
            )
            % {"frames": frames, "max": MAX_FRAMES},
            code="too_many_frames",
        )
    if frames * width * height > MAX_ANIMATION_PIXELS:
        raise ImageRejected(
            _("This animation is too large: make it smaller or shorter."),
            code="animation_too_large",
        )
    return InspectedImage(picture_format, width, height, frames)


# What Pillow raises on a damaged or hostile file, besides "unidentified".
DAMAGED_ERRORS = (
    OSError,
    SyntaxError,
    ValueError,
    TypeError,
    IndexError,
    KeyError,
    EOFError,
    ZeroDivisionError,
    MemoryError,
)


def _check_dimensions(width: int, height: int) -> None:
    if width < 1 or height < 1:
        raise ImageRejected(NOT_A_PICTURE % {"formats": accepted_formats_label()})
    if width * height > MAX_PIXELS:
        raise ImageRejected(_too_many_pixels(), code="too_many_pixels")
    if max(width, height) > MAX_SIDE:
        raise ImageRejected(
            _(
                "This picture is %(width)s × %(height)s pixels; each side may be "
                "at most %(max)s pixels."
            )
            % {"width": width, "height": height, "max": f"{MAX_SIDE:,}"},
            code="too_long",
        )
    if max(width, height) > MAX_ASPECT_RATIO * min(width, height):
        raise ImageRejected(
            _(
                "This picture is %(width)s × %(height)s pixels: too narrow to show. "
                "One side may be at most %(ratio)s times the other."
            )
            % {"width": width, "height": height, "ratio": MAX_ASPECT_RATIO},
            code="too_narrow",
        )


def _frame_count(image: Image.Image) -> int:
    # Counting walks the frame headers without decoding them.
    return int(getattr(image, "n_frames", 1) or 1)


def _too_many_pixels() -> str:
    return _(
        "This picture has too many pixels (at most %(max)s megapixels). "
        "Please upload a smaller version."
    ) % {"max": MAX_PIXELS // 1_000_000}


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}"
