"""Load generators: wrk when installed, else a keep-alive Python client."""

import http.client
import re
import shutil
import statistics
import subprocess
import threading
import time
from dataclasses import asdict, dataclass
from urllib.parse import urlsplit

UNITS = {"us": 1e-3, "ms": 1.0, "s": 1e3, "m": 60e3}


@dataclass
class LoadResult:
    requests_per_second: float
    p99_ms: float
    requests: int
    errors: int  # non-2xx answers plus socket errors
    tool: str

    def as_dict(self) -> dict:
        return asdict(self)


def combine(results: list[LoadResult]) -> dict:
    """Merge turns of one setup: mean requests/s, median p99, summed counts."""
    return {
        "requests_per_second": statistics.mean(r.requests_per_second for r in results),
        "p99_ms": statistics.median(r.p99_ms for r in results),
        "requests": sum(r.requests for r in results),
        "errors": sum(r.errors for r in results),
        "tool": results[0].tool,
        "turns": [r.as_dict() for r in results],
    }


def tool_name() -> str:
    if shutil.which("wrk"):
        return "wrk"
    return "python"


def run(url: str, *, duration: float, connections: int) -> LoadResult:
    """Load url for duration seconds over connections keep-alive connections."""
    if tool_name() == "wrk":
        return _wrk(url, duration=duration, connections=connections)
    return _python(url, duration=duration, connections=connections)


def _wrk(url: str, *, duration: float, connections: int) -> LoadResult:
    argv = [
        "wrk",
        "-t1",
        f"-c{connections}",
        f"-d{max(1, round(duration))}s",
        # A slow answer is a slow answer, not an error (wrk's default is 2 s).
        "--timeout",
        "10s",
        "--latency",
        url,
    ]
    completed = subprocess.run(
        argv, capture_output=True, text=True, timeout=duration + 60, check=True
    )
    return parse_wrk(completed.stdout)


def parse_wrk(output: str) -> LoadResult:
    """Read requests/s, p99, request and error counts from wrk --latency output."""
    rate = re.search(r"^Requests/sec:\s+([\d.]+)", output, re.M)
    p99 = re.search(r"^\s*99%\s+([\d.]+)(us|ms|s|m)\s*$", output, re.M)
    total = re.search(r"^\s*(\d+) requests in", output, re.M)
    if not (rate and p99 and total):
        raise ValueError(f"Unexpected wrk output:\n{output}")
    errors = 0
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    if non_2xx:
        errors += int(non_2xx.group(1))
    sockets = re.search(r"Socket errors:(.*)$", output, re.M)
    if sockets:
        errors += sum(int(n) for n in re.findall(r"\d+", sockets.group(1)))
    return LoadResult(
        requests_per_second=float(rate.group(1)),
        p99_ms=float(p99.group(1)) * UNITS[p99.group(2)],
        requests=int(total.group(1)),
        errors=errors,
        tool="wrk",
    )


def _python(url: str, *, duration: float, connections: int) -> LoadResult:
    """Keep-alive clients on threads; the GIL caps them well below wrk."""
    parts = urlsplit(url)
    path = parts.path or "/"
    deadline = time.perf_counter() + duration
    latencies: list[list[float]] = [[] for _ in range(connections)]
    errors = [0] * connections

    def client(slot: int) -> None:
        connection = None
        while time.perf_counter() < deadline:
            if connection is None:
                connection = http.client.HTTPConnection(
                    parts.hostname, parts.port, timeout=10
                )
            started = time.perf_counter()
            try:
                connection.request("GET", path)
                response = connection.getresponse()
                response.read()
            except (OSError, http.client.HTTPException):
                errors[slot] += 1
                connection.close()
                connection = None
                continue
            latencies[slot].append((time.perf_counter() - started) * 1e3)
            if not 200 <= response.status < 400:
                errors[slot] += 1
            if response.will_close:
                connection.close()
                connection = None
        if connection is not None:
            connection.close()

    started = time.perf_counter()
    threads = [
        threading.Thread(target=client, args=(slot,)) for slot in range(connections)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    samples = sorted(value for slot in latencies for value in slot)
    p99 = samples[min(len(samples) - 1, int(len(samples) * 0.99))] if samples else 0
    return LoadResult(
        requests_per_second=len(samples) / elapsed,
        p99_ms=p99,
        requests=len(samples),
        errors=sum(errors),
        tool="python",
    )
