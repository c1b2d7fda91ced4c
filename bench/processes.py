"""Start the servers under test and always stop them again, by process id."""

import contextlib
import os
import signal
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

STOP_GRACE_SECONDS = 10


class ServerFailed(RuntimeError):
    """A server under test exited or never answered."""


class Processes:
    """Every child this run started, each in its own process group."""

    def __init__(self, log_dir: Path):
        self.log_dir = log_dir
        self.children: dict[str, subprocess.Popen] = {}

    def start(self, name: str, argv: list[str], **kwargs) -> subprocess.Popen:
        """Start a server; its output goes to <log_dir>/<name>.log."""
        log = (self.log_dir / f"{name}.log").open("ab")
        # A session of its own: the group id is the child's pid, so stopping it
        # also reaches gunicorn's or nginx's workers and nothing else.
        child = subprocess.Popen(
            argv,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            **kwargs,
        )
        log.close()
        self.children[name] = child
        return child

    def wait_http(self, name: str, url: str, timeout: float = 30) -> None:
        """Wait until the server answers url with 200, or fail with its log."""
        child = self.children[name]
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if child.poll() is not None:
                break
            try:
                with urllib.request.urlopen(url, timeout=2) as response:
                    if response.status == 200:
                        return
            except (OSError, urllib.error.URLError):
                pass
            time.sleep(0.2)
        tail = self.log_tail(name)
        self.stop(name)
        raise ServerFailed(f"{name} did not answer {url}:\n{tail}")

    def log_tail(self, name: str, lines: int = 30) -> str:
        path = self.log_dir / f"{name}.log"
        if not path.exists():
            return ""
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])

    def stop(self, name: str) -> None:
        """Stop one server and its workers: TERM, then KILL after a grace period."""
        child = self.children.pop(name, None)
        if child is None:
            return
        pgid = child.pid
        if child.poll() is None:
            _signal_group(pgid, signal.SIGTERM)
            try:
                child.wait(STOP_GRACE_SECONDS)
            except subprocess.TimeoutExpired:
                _signal_group(pgid, signal.SIGKILL)
                child.wait()
        # Workers outlive a master that crashed: sweep the group either way.
        _signal_group(pgid, signal.SIGKILL)

    def stop_all(self) -> None:
        for name in list(self.children):
            self.stop(name)


def _signal_group(pgid: int, signum: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pgid, signum)
