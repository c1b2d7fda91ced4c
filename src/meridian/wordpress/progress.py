"""Progress of a long command: a bar on a terminal, else a plain line now and then."""

import time
from typing import TextIO


def _duration(seconds: float) -> str:
    seconds = int(seconds)
    if seconds >= 3600:
        return f"{seconds // 3600}h {seconds % 3600 // 60:02d}m"
    if seconds >= 60:
        return f"{seconds // 60}m {seconds % 60:02d}s"
    return f"{seconds}s"


class Progress:
    """Call with (done, total) as work goes; `finish()` ends the line."""

    WIDTH = 30

    def __init__(self, stream: TextIO, noun: str = "items", tty: bool | None = None):
        self.stream = stream
        self.noun = noun
        self.tty = stream.isatty() if tty is None else tty
        # Redraw a bar often; log a plain line every few seconds at most.
        self.interval = 0.2 if self.tty else 5.0
        self.started = time.monotonic()
        self.shown_at = self.started
        self.last = (0, 0)
        self.shown = (0, 0)

    def __call__(self, done: int, total: int) -> None:
        self.last = (done, total)
        now = time.monotonic()
        if now - self.shown_at < self.interval and done != total:
            return
        self.shown_at = now
        self.shown = (done, total)
        self.stream.write(self.line(done, total, now))
        self.stream.flush()

    def line(self, done: int, total: int, now: float) -> str:
        elapsed = max(now - self.started, 1e-6)
        rate = done / elapsed
        eta = (total - done) / rate if rate and total >= done else 0
        counts = f"{done:,}/{total:,} {self.noun}  {rate:,.0f}/s  ETA {_duration(eta)}"
        if not self.tty:
            return f"{counts}\n"
        filled = int(self.WIDTH * done / total) if total else self.WIDTH
        bar = "█" * filled + "·" * (self.WIDTH - filled)
        return f"\r{bar} {counts}\x1b[K"

    def finish(self) -> None:
        done, total = self.last
        if self.shown != self.last:
            self.stream.write(self.line(done, total, time.monotonic()))
        if self.tty:
            self.stream.write("\n")
        self.stream.flush()
