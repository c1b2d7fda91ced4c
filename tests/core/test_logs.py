"""Log lines as a log collector reads them, tied to requests by X-Request-ID."""

import io
import json
import logging
import subprocess
import sys

import pytest

from meridian.core.logs import JsonFormatter, RequestIdFilter
from tests.serving import site_environ

LOG_ONE_LINE = """
import django, logging
django.setup()
logging.getLogger("meridian.probe").warning("disk %s", "nearly full")
"""


def test_json_log_format_writes_one_object_per_line(tmp_path):
    environ = site_environ(tmp_path / "site", MERIDIAN_LOG_FORMAT="json")
    done = subprocess.run(
        [sys.executable, "-c", LOG_ONE_LINE],
        env=environ,
        capture_output=True,
        text=True,
        check=True,
    )
    entry = json.loads(done.stderr.strip().splitlines()[-1])
    assert entry["level"] == "WARNING"
    assert entry["logger"] == "meridian.probe"
    assert entry["message"] == "disk nearly full"
    assert entry["time"].endswith("+00:00")


def test_an_unknown_log_format_is_refused(tmp_path):
    environ = site_environ(tmp_path / "site", MERIDIAN_LOG_FORMAT="xml")
    done = subprocess.run(
        [sys.executable, "-c", LOG_ONE_LINE], env=environ, capture_output=True
    )
    assert done.returncode != 0
    assert b"MERIDIAN_LOG_FORMAT must be text or json" in done.stderr


@pytest.fixture
def request_log():
    """Collect django.request's lines as the JSON console handler writes them."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(RequestIdFilter())
    logger = logging.getLogger("django.request")
    logger.addHandler(handler)
    yield stream
    logger.removeHandler(handler)


@pytest.mark.django_db
def test_a_requests_log_lines_carry_its_id(client, request_log):
    response = client.get("/no-such-page/", HTTP_X_REQUEST_ID="edge-7f3a")
    assert response.status_code == 404
    assert response["X-Request-ID"] == "edge-7f3a"
    entry = json.loads(request_log.getvalue().splitlines()[-1])
    assert entry["request_id"] == "edge-7f3a"
    assert entry["message"] == "Not Found: /no-such-page/"


@pytest.mark.django_db
@pytest.mark.parametrize("incoming", ["", "has space", "x" * 200, "<script>"])
def test_an_insane_incoming_id_is_replaced(client, incoming):
    response = client.get("/", HTTP_X_REQUEST_ID=incoming)
    assert response["X-Request-ID"] != incoming
    assert len(response["X-Request-ID"]) == 32
