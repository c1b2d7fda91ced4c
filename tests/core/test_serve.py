"""`meridian serve` as an operator runs it: a real gunicorn and its task worker."""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request

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


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _environ(data_dir) -> dict:
    """Return an environment for a site of its own: SQLite and files under data_dir."""
    environ = {k: v for k, v in os.environ.items() if not k.startswith("MERIDIAN_")}
    environ.update(
        MERIDIAN_DATA_DIR=str(data_dir),
        DJANGO_SETTINGS_MODULE="meridian.settings",
    )
    return environ


def _wait_for(predicate, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return False


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


def test_serve_answers_and_its_worker_sends_queued_mail(tmp_path):
    environ = _environ(tmp_path / "site")
    meridian = [sys.executable, "-m", "meridian"]
    subprocess.run(
        [*meridian, "setup", "--no-demo"], env=environ, check=True, capture_output=True
    )
    port = _free_port()
    server = subprocess.Popen(
        [
            *meridian,
            "serve",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
            "--no-access-log",
        ],
        env=environ,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        assert _wait_for(lambda: _answers(f"http://127.0.0.1:{port}/healthz"), 30)
        queue_env = {**environ, "MERIDIAN_TASKS": "database"}
        subprocess.run(
            [sys.executable, "-c", ENQUEUE],
            env=queue_env,
            check=True,
            capture_output=True,
        )
        mail = tmp_path / "site" / "mail"
        assert _wait_for(lambda: any(mail.glob("*.eml")), 30), "the worker sent nothing"
        assert "Sent by the worker" in next(mail.glob("*.eml")).read_text()
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        output = server.communicate(timeout=20)[0].decode()
    assert "database queue worker" in output
    assert "Traceback" not in output
