"""Pictures made by Pillow for the tests: no binary fixtures in the repository."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import ExifTags, Image, ImageCms

# Planted in metadata: none of these may appear in any stored file.
SECRETS = (b"SecretCameraMaker", b"secret-comment", b"secret-xmp", b"GPS-secret")


def encode(image: Image.Image, image_format: str, **options) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, image_format, **options)
    return buffer.getvalue()


def upload(content: bytes, name: str = "picture.jpg", content_type: str = "image/jpeg"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def gradient(size=(600, 400), mode="RGB") -> Image.Image:
    """Return a picture with some structure (a flat colour hides resize bugs)."""
    width, height = size
    base = Image.linear_gradient("L").resize(size)
    if mode == "L":
        return base
    red = base
    green = base.transpose(Image.Transpose.FLIP_LEFT_RIGHT)
    blue = Image.new("L", size, 90)
    image = Image.merge("RGB", (red, green, blue))
    if mode == "RGBA":
        image.putalpha(Image.linear_gradient("L").resize((width, height)))
    return image


def phone_photo(size=(600, 400), orientation=6) -> bytes:
    """Return a JPEG as a phone writes it: EXIF with camera, GPS, orientation, XMP."""
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "SecretCameraMaker"
    exif[ExifTags.Base.Orientation] = orientation
    exif[ExifTags.Base.GPSInfo] = {
        ExifTags.GPS.GPSLatitudeRef: "N",
        ExifTags.GPS.GPSLatitude: (51.0, 30.0, 12.5),
        ExifTags.GPS.GPSLongitudeRef: "W",
        ExifTags.GPS.GPSLongitude: (0.0, 7.0, 39.0),
        ExifTags.GPS.GPSProcessingMethod: b"GPS-secret",
    }
    return encode(
        gradient(size),
        "JPEG",
        exif=exif,
        comment=b"secret-comment",
        xmp=b'<x:xmpmeta xmlns:x="adobe:ns:meta/">secret-xmp</x:xmpmeta>',
        icc_profile=ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes(),
    )


def png(size=(300, 200), mode="RGBA", **options) -> bytes:
    return encode(gradient(size, mode if mode != "P" else "RGB"), "PNG", **options)


def webp(size=(300, 200)) -> bytes:
    return encode(gradient(size), "WEBP", quality=80)


def gif(size=(120, 80)) -> bytes:
    return encode(gradient(size).convert("P"), "GIF", comment=b"secret-comment")


def animated_gif(frames: int, size=(20, 20)) -> bytes:
    # Consecutive frames must differ, or Pillow merges them into one.
    images = [
        Image.new("RGB", size, color=(index % 256, (index * 7) % 256, 0))
        for index in range(frames)
    ]
    return encode(
        images[0],
        "GIF",
        save_all=True,
        append_images=images[1:],
        duration=40,
        loop=0,
        comment=b"secret-comment",
    )


def cmyk_jpeg(size=(300, 200)) -> bytes:
    return encode(gradient(size).convert("CMYK"), "JPEG", quality=90)


def sixteen_bit_png(size=(256, 64)) -> bytes:
    """Return a 16-bit greyscale PNG going from black to white."""
    image = Image.new("I;16", size)
    image.putdata(
        [
            int(x / (size[0] - 1) * 65535)
            for _y in range(size[1])
            for x in range(size[0])
        ]
    )
    return encode(image, "PNG")


def bomb_png(size=(8000, 8000)) -> bytes:
    """Return a tiny file that would decode to `size` pixels (one bit each here)."""
    return encode(Image.new("1", size), "PNG", optimize=True)


def strip_png(size=(1, 60_000)) -> bytes:
    return encode(Image.new("L", size), "PNG")


def truncated_jpeg() -> bytes:
    content = encode(gradient((800, 600)), "JPEG", quality=95)
    return content[: len(content) // 2]


SVG_WITH_SCRIPT = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
    b"<script>alert(document.cookie)</script><rect width='10' height='10'/></svg>"
)
HTML_PAGE = b"<!doctype html><html><body><script>alert(1)</script></body></html>"
TEXT = b"Just some notes about needles, saved as a picture.\n"
