"""`meridian serve` as an operator runs it: a real gunicorn and its task worker."""

import http.client
import json
import re
import subprocess
import sys
import urllib.parse
from urllib.parse import urlsplit

import pytest

from tests.serving import fetch, meridian, serving, site_environ, wait_for

ENQUEUE = """
import django
django.setup()
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from meridian.core.email import send_email
with transaction.atomic():
    message = EmailMultiAlternatives("Hi", "Sent by the worker", to=["a@example.org"])
    send_email(message)
"""


@pytest.fixture(scope="module")
def ready_site(tmp_path_factory):
    """A site set up as the README says (no demo), shared by this module's servers."""
    data_dir = tmp_path_factory.mktemp("site")
    meridian(site_environ(data_dir), "setup", "--no-demo")
    return data_dir


def test_serve_answers_and_its_worker_sends_queued_mail(ready_site):
    environ = site_environ(ready_site)
    with serving(environ) as server:
        # Set up without the demo, the site has no About page (yet); the
        # request is read in the access log below.
        status, _headers, _body = fetch(f"{server.url}/about/")
        assert status == 404
        # No MERIDIAN_SITE_URL: links follow the address served on.
        status, _headers, index = fetch(f"{server.url}/")
        assert status == 200
        assert f'rel="canonical" href="{server.url}/"' in index.decode()
        _status, _headers, feed = fetch(f"{server.url}/feed/")
        assert f"<link>{server.url}/</link>" in feed.decode()
        _status, _headers, robots = fetch(f"{server.url}/robots.txt")
        assert f"Sitemap: {server.url}/sitemap.xml" in robots.decode()
        _ask_for_a_reset(server.url, "nobody@example.org")
        subprocess.run(
            [sys.executable, "-c", ENQUEUE],
            env={**environ, "MERIDIAN_TASKS": "database"},
            check=True,
            capture_output=True,
        )
        mail = ready_site / "mail"
        assert wait_for(lambda: len(list(mail.glob("*.eml"))) >= 2, 60), "not sent"
        messages = [path.read_text() for path in mail.glob("*.eml")]
        assert any("Sent by the worker" in message for message in messages)
        # The worker yields the CPU to the readers' pages (nice 10).
        children = subprocess.run(
            ["ps", "-o", "ni=,args=", "--ppid", str(server.process.pid)],
            capture_output=True,
            text=True,
        ).stdout.splitlines()
        worker = [line for line in children if " worker --interval" in line]
        assert worker, children
        assert int(worker[0].split()[0]) == 10, children
        # The reset email's link follows the address served on too.
        reset = next(message for message in messages if "nobody@example" in message)
        assert f"{server.url}/accounts/signup/" in reset
    assert "database queue worker" in server.output
    assert "Traceback" not in server.output
    # The access log keeps no reader's address unless the operator asks.
    access = [line for line in server.output.splitlines() if '"GET /about/' in line]
    assert access, server.output
    assert all(line.startswith("- [") for line in access), access


def _ask_for_a_reset(server_url: str, email: str) -> None:
    """Fill in the password-reset form as a browser would."""
    status, headers, page = fetch(f"{server_url}/accounts/password/reset/")
    assert status == 200
    cookie = headers["Set-Cookie"].split(";", 1)[0]
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.decode())
    assert token
    status, _headers, _body = fetch(
        f"{server_url}/accounts/password/reset/",
        data=urllib.parse.urlencode(
            {"csrfmiddlewaretoken": token.group(1), "email": email}
        ).encode(),
        headers={"Cookie": cookie, "Referer": f"{server_url}/accounts/password/reset/"},
    )
    assert status == 302


def test_serve_refuses_a_site_without_migrations_or_static_files(tmp_path):
    environ = site_environ(tmp_path / "site", MERIDIAN_SECRET_KEY="k" * 50)
    refused = meridian(environ, "serve", "--bind", "127.0.0.1:1", check=False)
    assert refused.returncode == 1
    assert "Run `meridian migrate`" in refused.stderr

    meridian(environ, "migrate")
    refused = meridian(environ, "serve", "--bind", "127.0.0.1:1", check=False)
    assert refused.returncode == 1
    assert "Run `meridian collectstatic --noinput`" in refused.stderr


def _post_declaring(url: str, length: int) -> tuple[int, bytes]:
    """Declare a body of `length` bytes, send a little of it, read the answer."""
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    connection.putrequest("POST", parts.path)
    connection.putheader("Content-Type", "application/octet-stream")
    connection.putheader("Content-Length", str(length))
    connection.endheaders()
    connection.send(b"x" * 1024)
    response = connection.getresponse()
    return response.status, response.read()


def _post_chunked(url: str, size: int) -> tuple[int, bytes]:
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    piece = 64 * 1024
    chunks = (b"x" * min(piece, size - sent) for sent in range(0, size, piece))
    connection.request(
        "POST",
        parts.path,
        body=chunks,
        headers={"Content-Type": "application/octet-stream"},
        encode_chunked=True,
    )
    response = connection.getresponse()
    return response.status, response.read()


def test_serve_limits_bodies_trusts_no_forwarded_scheme_and_logs_json(ready_site):
    environ = site_environ(
        ready_site,
        MERIDIAN_SITE_URL="https://journal.example.org",
        MERIDIAN_ALLOWED_HOSTS="127.0.0.1,journal.example.org",
        MERIDIAN_MAX_UPLOAD_MB="1",
        MERIDIAN_LOG_FORMAT="json",
    )
    megabyte = 1024 * 1024
    with serving(environ, "--no-task-worker", "--log-client-address") as server:
        # A declared gigabyte is refused before it is sent.
        status, body = _post_declaring(f"{server.url}/comments/", 1000 * megabyte)
        assert status == 413
        assert b"at most 1 MB" in body
        # A chunked body is refused once it passes the limit...
        status, _body = _post_chunked(f"{server.url}/comments/", megabyte + 20_000)
        assert status == 413
        # ...and one under it reaches the site (here: its HTTPS redirect).
        status, _body = _post_chunked(f"{server.url}/comments/", 20_000)
        assert status == 301

        # Not behind a proxy: a client cannot claim the request came over HTTPS.
        status, headers, _body = fetch(
            f"{server.url}/about/",
            headers={"X-Forwarded-Proto": "https", "X-Request-ID": "lb-42.abc"},
        )
        assert status == 301
        assert headers["Location"].startswith("https://")
        assert headers["X-Request-ID"] == "lb-42.abc"
        _status, headers, _body = fetch(
            f"{server.url}/about/", headers={"X-Request-ID": "no spaces\tplease"}
        )
        generated = headers["X-Request-ID"]
        assert len(generated) == 32

    entries = [
        json.loads(line) for line in server.output.splitlines() if line.startswith("{")
    ]
    access = [entry for entry in entries if entry["logger"] == "gunicorn.access"]
    about = [entry for entry in access if entry["path"] == "/about/"]
    # Two workers may write their lines in either order.
    assert sorted(entry["request_id"] for entry in about) == sorted(
        ["lb-42.abc", generated]
    )
    assert about[0]["status"] == 301
    assert about[0]["client"] == "127.0.0.1"  # asked for with --log-client-address
    assert "Traceback" not in server.output


def test_serve_spreads_connections_and_refuses_a_taken_address(ready_site):
    environ = site_environ(ready_site)
    with serving(environ, "--workers", "2") as server:
        port = urlsplit(server.url).port

        # One socket per worker (SO_REUSEPORT), so the kernel, not whichever
        # worker is awake, decides which worker takes a keep-alive connection.
        # Each worker binds after it forks, so the second may still be on its
        # way when the first one has answered /healthz.
        def listening():
            return subprocess.run(
                ["ss", "-Htln", f"( sport = :{port} )"], capture_output=True, text=True
            )

        if listening().returncode == 0:
            wait_for(lambda: len(listening().stdout.splitlines()) == 2, 20)
            assert len(listening().stdout.splitlines()) == 2, listening().stdout
        # Which is also why a second server on that address must refuse to start.
        refused = meridian(environ, "serve", "--bind", f"127.0.0.1:{port}", check=False)
        assert refused.returncode == 1
        assert "already in use" in refused.stderr
        status, _headers, _body = fetch(f"{server.url}/healthz")
        assert status == 200


def test_workers_start_with_the_masters_objects_frozen():
    """The preloaded app is left out of the workers' full collections."""
    import gc

    from meridian.core.management.commands.serve import gunicorn_options

    options = gunicorn_options("127.0.0.1:0", 2, 2)
    assert options["preload_app"]
    gc.unfreeze()
    try:
        options["pre_fork"](server=None, worker=None)
        assert gc.get_freeze_count() > 10_000  # Django and the apps, loaded
    finally:
        gc.unfreeze()
