"""A real SMTP server on loopback (aiosmtpd) that keeps what it received.

In a test, `MailSink` runs in a thread of the test process. `make bench-mail`
runs it as a process of its own (`python -m tests.mail_sink --port N`), so the
server does not share a core's worth of GIL with the sender it measures; it
writes its tally as JSON to `--stats` when sent SIGUSR1 and when stopped.
"""

import argparse
import json
import re
import signal
import threading
import time
from collections import Counter
from dataclasses import dataclass, field

from aiosmtpd.controller import Controller

_MESSAGE_ID = re.compile(rb"^Message-ID:\s*(\S+)", re.MULTILINE | re.IGNORECASE)


@dataclass
class Received:
    """What the server accepted: one (recipient, Message-ID) per message."""

    messages: list[tuple[str, str]] = field(default_factory=list)
    first_at: float | None = None
    last_at: float | None = None
    delay: float = 0.0  # seconds per message, to slow a sender down in tests
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_DATA(self, server, session, envelope) -> str:
        if self.delay:
            time.sleep(self.delay)  # blocks the server, as a slow relay would
        found = _MESSAGE_ID.search(envelope.original_content or envelope.content)
        message_id = found.group(1).decode() if found else ""
        now = time.monotonic()
        with self.lock:
            self.first_at = self.first_at or now
            self.last_at = now
            for recipient in envelope.rcpt_tos:
                self.messages.append((recipient, message_id))
        return "250 Message accepted"

    def count(self) -> int:
        with self.lock:
            return len(self.messages)

    def per_recipient(self) -> dict[str, set[str]]:
        """Return each recipient's distinct Message-IDs."""
        ids: dict[str, set[str]] = {}
        with self.lock:
            for recipient, message_id in self.messages:
                ids.setdefault(recipient, set()).add(message_id)
        return ids

    def stats(self) -> dict:
        with self.lock:
            recipients = Counter(recipient for recipient, _ in self.messages)
            return {
                "messages": len(self.messages),
                "recipients": len(recipients),
                "repeated": sum(n - 1 for n in recipients.values()),
                "first_at": self.first_at,
                "last_at": self.last_at,
            }


class MailSink:
    """Run the server on 127.0.0.1:`port` for the length of a `with` block."""

    def __init__(self, port: int, delay: float = 0.0) -> None:
        self.port = port
        self.received = Received(delay=delay)
        self._controller = Controller(
            self.received, hostname="127.0.0.1", port=port, ready_timeout=10
        )

    @property
    def url(self) -> str:
        return f"smtp://127.0.0.1:{self.port}"

    def __enter__(self) -> "MailSink":
        self._controller.start()
        return self

    def __exit__(self, *exc) -> None:
        self._controller.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--stats", required=True, help="file for the JSON tally")
    arguments = parser.parse_args()
    sink = MailSink(arguments.port)
    stop = threading.Event()

    def write_stats(*_args) -> None:
        with open(arguments.stats, "w") as handle:
            json.dump(sink.received.stats(), handle)

    def clear(*_args) -> None:
        with sink.received.lock:
            sink.received.messages.clear()
            sink.received.first_at = sink.received.last_at = None

    signal.signal(signal.SIGUSR1, write_stats)
    signal.signal(signal.SIGUSR2, clear)
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    with sink:
        print(f"listening on {sink.url}", flush=True)  # noqa: T201 (the bench waits for it)
        while not stop.wait(0.2):
            pass
    write_stats()


if __name__ == "__main__":
    main()
