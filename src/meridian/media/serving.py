"""Serving stored media when the site stores it on its own disk.

Only picture types are served, each with its own content type and
`nosniff`; renditions have names that change with the file, so browsers may
keep them for a year. A deleted or replaced image's files are gone from
storage, so they 404. With S3-compatible storage, MEDIA_URL points at the
bucket and this view is not used.
"""

from pathlib import PurePosixPath

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_safe
from django.views.static import serve

from .cache_policy import cache_control
from .models import Image

CONTENT_TYPES = {
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".webp": "image/webp",
    ".gif": "image/gif",
    ".avif": "image/avif",
}


@require_safe
def serve_media(request: HttpRequest, path: str) -> HttpResponseBase:
    """Serve one stored picture from MEDIA_ROOT, or 404."""
    content_type = CONTENT_TYPES.get(PurePosixPath(path).suffix.lower())
    if content_type is None:
        raise Http404("Not a picture")
    response = serve(request, path, document_root=str(settings.MEDIA_ROOT))
    if response.status_code == 200:
        response.headers["Content-Type"] = content_type
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = cache_control(path)
    return response


@require_safe
def library_reference(request: HttpRequest, key: str) -> HttpResponse:
    """Redirect an image's stable Markdown address to its current file."""
    image = get_object_or_404(Image, key=key)
    response = HttpResponseRedirect(image.file.url)
    response.headers["Cache-Control"] = "public, max-age=300"
    return response
