"""Refuse request bodies over MERIDIAN_MAX_UPLOAD_MB before reading them.

A WSGI wrapper, outside Django: Django spools a large upload to disk before
any view or check can look at it, and neither gunicorn nor Django bounds a
body's size. A declared Content-Length over the limit is refused at once; a
chunked body is read up to the limit and refused as soon as it passes it, so
at most the limit is ever read.
"""

import tempfile
from collections.abc import Callable, Iterable

# Chunked bodies are buffered so Django, which needs a Content-Length, can
# read them; in memory up to this size, then in a temporary file.
SPOOL_IN_MEMORY = 1024 * 1024
READ_SIZE = 64 * 1024


def _too_large(start_response: Callable, limit: int) -> Iterable[bytes]:
    megabytes = limit // (1024 * 1024)
    body = (
        f"Request body too large: this site accepts at most {megabytes} MB.\n"
    ).encode()
    start_response(
        "413 Content Too Large",
        [
            ("Content-Type", "text/plain; charset=utf-8"),
            ("Content-Length", str(len(body))),
        ],
    )
    return [body]


def _buffer_chunked(stream, limit: int):
    """Return the body in a file, or None once it passes `limit` bytes."""
    # Handed on as the request body, closed with the request.
    buffer = tempfile.SpooledTemporaryFile(max_size=SPOOL_IN_MEMORY)  # noqa: SIM115
    size = 0
    while chunk := stream.read(READ_SIZE):
        size += len(chunk)
        if size > limit:
            buffer.close()
            return None
        buffer.write(chunk)
    buffer.seek(0)
    return buffer


def limit_request_body(application: Callable, limit: int) -> Callable:
    """Wrap a WSGI application so bodies over `limit` bytes get a 413."""

    def limited(environ: dict, start_response: Callable) -> Iterable[bytes]:
        length = environ.get("CONTENT_LENGTH") or ""
        if length.strip():
            try:
                declared = int(length)
            except ValueError:
                declared = 0  # Django answers a malformed length itself
            if declared > limit:
                return _too_large(start_response, limit)
        elif "chunked" in environ.get("HTTP_TRANSFER_ENCODING", "").lower():
            body = _buffer_chunked(environ["wsgi.input"], limit)
            if body is None:
                return _too_large(start_response, limit)
            environ["CONTENT_LENGTH"] = str(body.seek(0, 2))
            body.seek(0)
            environ["wsgi.input"] = body
        return application(environ, start_response)

    return limited
