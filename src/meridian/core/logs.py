"""Log lines as JSON (MERIDIAN_LOG_FORMAT=json), each with its request's id.

The request id comes from RequestIdMiddleware (a sane incoming X-Request-ID,
else a fresh one) and is echoed in the response, so a reader's report, the
front server's log and this site's log meet on one value.
"""

import contextvars
import json
import logging
import re
import uuid
from datetime import UTC, datetime

from django.core.signals import request_finished
from django.http import HttpRequest, HttpResponse

current_request_id: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "request_id", default=None
)
# Letters, digits and a few separators, as proxies and tracing tools make them;
# anything else (spaces, quotes, line breaks, a novel) is replaced.
SANE_REQUEST_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:@+=/-]{0,127}")
REQUEST_ID_HEADER = "X-Request-ID"


def request_id_for(request: HttpRequest) -> str:
    """Return the incoming request id when it is sane, else a new one."""
    # META, not request.headers, which would build a dict of every header.
    incoming = request.META.get("HTTP_X_REQUEST_ID", "")
    if SANE_REQUEST_ID.fullmatch(incoming):
        return incoming
    return uuid.uuid4().hex


class RequestIdMiddleware:
    """Give every request an id, for its log lines and its response."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request_id = request_id_for(request)
        # Kept until the response is closed: Django logs "Not Found" and other
        # 4xx/5xx lines after the middleware has returned.
        current_request_id.set(request_id)
        response = self.get_response(request)
        response.headers[REQUEST_ID_HEADER] = request_id
        return response


def _forget_request_id(**kwargs) -> None:
    current_request_id.set(None)


request_finished.connect(_forget_request_id, dispatch_uid="meridian-request-id-end")


class RequestIdFilter(logging.Filter):
    """Put the current request's id on each record (None outside requests)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            record.request_id = current_request_id.get()
        return True


class JsonFormatter(logging.Formatter):
    """Format a record as one JSON object on one line."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, tz=UTC).isoformat(),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        request_id = getattr(record, "request_id", None) or current_request_id.get()
        if request_id:
            entry["request_id"] = request_id
        entry.update(getattr(record, "fields", {}))
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str)
