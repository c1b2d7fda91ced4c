"""Avatar uploads: checked by Pillow and stored as a small square image."""

import io
import secrets

from django.core.files import File
from django.core.files.uploadedfile import InMemoryUploadedFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

AVATAR_SIZE = 256
# Refuse decompression bombs long before Pillow would: a 16-megapixel RGBA
# picture already needs 64 MB once decoded, and any reader may upload one.
MAX_PIXELS = 16_000_000


class AvatarError(ValueError):
    """The upload is not an image this site can use."""


def resize_avatar(upload: File) -> InMemoryUploadedFile:
    """Return a square AVATAR_SIZE WebP made from `upload`, or raise AvatarError."""
    try:
        upload.seek(0)
        with Image.open(upload) as image:
            if image.format not in {"JPEG", "PNG", "WEBP", "GIF"}:
                raise AvatarError(_("Please upload a JPEG, PNG or WebP picture."))
            if image.width * image.height > MAX_PIXELS:
                raise AvatarError(_("The picture has too many pixels."))
            # JPEGs decode straight at a fraction of their size; everything is
            # shrunk before any full-size copy (transpose, convert) is made.
            image.draft("RGB", (AVATAR_SIZE * 2, AVATAR_SIZE * 2))
            image.thumbnail((AVATAR_SIZE * 4, AVATAR_SIZE * 4))
            upright = ImageOps.exif_transpose(image).convert("RGB")
            square = ImageOps.fit(
                upright, (AVATAR_SIZE, AVATAR_SIZE), Image.Resampling.LANCZOS
            )
    except AvatarError:
        raise
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        raise AvatarError(
            _("That file is not a picture we can read. Please try another.")
        ) from None
    buffer = io.BytesIO()
    square.save(buffer, format="WEBP", quality=85)
    size = buffer.tell()
    buffer.seek(0)
    name = f"{secrets.token_hex(8)}.webp"
    return InMemoryUploadedFile(buffer, "avatar", name, "image/webp", size, None)
