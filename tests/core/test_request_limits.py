"""The body limit as a WSGI server drives it: declared and chunked bodies."""

import io

from meridian.core.request_limits import limit_request_body


def _echo(environ, start_response):
    """Answer with the body, read the way Django reads it (by Content-Length)."""
    length = int(environ.get("CONTENT_LENGTH") or 0)
    body = environ["wsgi.input"].read(length)
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [body]


class CountingStream(io.BytesIO):
    def __init__(self, data: bytes):
        super().__init__(data)
        self.consumed = 0

    def read(self, size=-1):
        chunk = super().read(size)
        self.consumed += len(chunk)
        return chunk


def _call(app, environ):
    seen = {}

    def start_response(status, headers):
        seen["status"] = status
        seen["headers"] = dict(headers)

    body = b"".join(app(environ, start_response))
    return seen["status"], body


def test_declared_length_over_the_limit_is_refused_unread():
    stream = CountingStream(b"x" * 5000)
    app = limit_request_body(_echo, 1000)
    status, body = _call(app, {"CONTENT_LENGTH": "5000", "wsgi.input": stream})
    assert status.startswith("413")
    assert b"too large" in body
    assert stream.consumed == 0


def test_chunked_body_over_the_limit_is_refused_after_at_most_the_limit():
    stream = CountingStream(b"x" * 500_000)
    app = limit_request_body(_echo, 100_000)
    environ = {"HTTP_TRANSFER_ENCODING": "chunked", "wsgi.input": stream}
    status, _body = _call(app, environ)
    assert status.startswith("413")
    assert stream.consumed <= 100_000 + 64 * 1024


def test_chunked_body_under_the_limit_reaches_the_application_whole():
    app = limit_request_body(_echo, 100_000)
    environ = {
        "HTTP_TRANSFER_ENCODING": "chunked",
        "wsgi.input": CountingStream(b"hello " * 1000),
    }
    status, body = _call(app, environ)
    assert status.startswith("200")
    assert body == b"hello " * 1000


def test_the_nginx_sample_refuses_what_the_site_refuses(settings):
    from pathlib import Path

    conf = (Path(__file__).parents[2] / "docs" / "nginx.conf").read_text()
    assert f"client_max_body_size {settings.MAX_UPLOAD_MB}m;" in conf
