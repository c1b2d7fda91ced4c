"""Run `meridian` commands and a real `meridian serve` as an operator does."""

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

MERIDIAN = [sys.executable, "-m", "meridian"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def site_environ(data_dir: Path, **env: str) -> dict:
    """Return an environment for a site of its own: SQLite and files under data_dir."""
    environ = {k: v for k, v in os.environ.items() if not k.startswith("MERIDIAN_")}
    environ.update(
        MERIDIAN_DATA_DIR=str(data_dir),
        DJANGO_SETTINGS_MODULE="meridian.settings",
        **env,
    )
    return environ


def meridian(environ: dict, *args: str, check: bool = True):
    """Run one `meridian` command and return the completed process."""
    return subprocess.run(
        [*MERIDIAN, *args], env=environ, check=check, capture_output=True, text=True
    )


def wait_for(predicate, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return False


def answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


@dataclass
class Server:
    url: str
    process: subprocess.Popen
    output: str = field(default="")


@contextlib.contextmanager
def serving(environ: dict, *args: str, port: int | None = None) -> Iterator[Server]:
    """Run `meridian serve` on a free loopback port until the block ends.

    The server's output (stdout and stderr) is in `server.output` afterwards.
    """
    port = port or free_port()
    process = subprocess.Popen(
        [*MERIDIAN, "serve", "--bind", f"127.0.0.1:{port}", "--workers", "1", *args],
        env=environ,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    server = Server(f"http://127.0.0.1:{port}", process)
    try:
        if not wait_for(lambda: answers(f"{server.url}/healthz"), 30):
            process.kill()
            raise AssertionError(process.communicate(timeout=10)[0].decode())
        yield server
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        server.output = process.communicate(timeout=20)[0].decode()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def fetch(url: str, *, data=None, headers=None, method=None):
    """Return (status, headers, body) without following redirects."""
    request = urllib.request.Request(
        url, data=data, headers=headers or {}, method=method
    )
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(request, timeout=30) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()
