"""The load test's clients: wrk readers over a URL mix, commenters on threads,
a worker killed on cue, and the printed table with the issue's budgets."""

import http.client
import os
import random
import re
import signal
import subprocess
import threading
import time
import urllib.request
import uuid
from html import unescape
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from bench import load

BUDGET_SHARE = 0.7  # of the readers-alone throughput, with commenters
BUDGET_P99_MS = 250  # SQLite, with commenters
TRACKING = ["?utm_source=newsletter&utm_medium=email", "?fbclid=IwAR0load", "?ref=x"]


def recreate_database(url: str) -> None:
    """Drop and create the PostgreSQL database the run may own."""
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    with psycopg.connect(parts._replace(path="/postgres").geturl()) as connection:
        connection.autocommit = True
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def reader_urls(site: dict) -> list[str]:
    """Return the readers' mix, weighted by repetition, some with tracking."""
    articles = [f"/articles/{a['slug']}/" for a in site["articles"]]
    urls = ["/"] * 12 + ["/?page=2"] * 3 + articles * 2
    urls += site["archives"] + ["/feed/", "/feed/atom/"] * 2 + site["pages"]
    urls += [f"{url}comments/feed/" for url in articles[:6]]
    tracked = [url + TRACKING[n % 3] for n, url in enumerate((["/", *articles])[:15])]
    return urls + tracked


def warm(base: str, urls: list[str]) -> None:
    for url in set(urls):
        with urllib.request.urlopen(base + url, timeout=30) as response:
            response.read()


class Readers:
    """wrk over the URL mix, one process per app server, connections shared."""

    def __init__(self, bases, urls, workdir: Path, connections: int, duration):
        self.bases = bases
        self.duration = duration
        self.connections = max(1, connections // len(bases))
        self.script = workdir / "readers.lua"
        paths = ", ".join(f'"{url}"' for url in urls)
        self.script.write_text(LUA.replace("PATHS", paths))
        self.running: list[subprocess.Popen] = []

    def start(self) -> None:
        for base in self.bases:
            argv = ["wrk", "-t1", f"-c{self.connections}"]
            argv += [f"-d{max(1, round(self.duration))}s", "--timeout", "10s"]
            argv += ["--latency", "-s", str(self.script), base + "/"]
            self.running.append(
                subprocess.Popen(argv, stdout=subprocess.PIPE, text=True)
            )

    def wait(self) -> dict:
        outputs = [
            child.communicate(timeout=self.duration + 120)[0] for child in self.running
        ]
        parsed = [_parse(output) for output in outputs]
        return {
            "reader_rps": round(sum(p["rps"] for p in parsed), 1),
            # Of two servers, the slower one's: conservative, not averaged.
            "p50_ms": max(p["p50_ms"] for p in parsed),
            "p99_ms": max(p["p99_ms"] for p in parsed),
            "requests": sum(p["requests"] for p in parsed),
            "5xx": sum(p["5xx"] for p in parsed),
            "socket_errors": sum(p["socket_errors"] for p in parsed),
        }


LUA = """
local paths = {PATHS}
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) fivexx = 0; math.randomseed(os.time()) end
function request() return wrk.format("GET", paths[math.random(#paths)]) end
function response(status, headers, body)
  if status >= 500 then fivexx = fivexx + 1 end
end
function done(summary, latency, requests)
  local total = 0
  for _, thread in ipairs(threads) do total = total + thread:get("fivexx") end
  io.write(string.format("fivexx: %d\\n", total))
  io.write(string.format("p50_us: %d\\n", latency:percentile(50)))
  io.write(string.format("p99_us: %d\\n", latency:percentile(99)))
end
"""


def _parse(output: str) -> dict:
    result = load.parse_wrk(output)
    sockets = re.search(r"Socket errors:(.*)$", output, re.M)
    fivexx = re.search(r"^fivexx: (\d+)", output, re.M)
    p50 = re.search(r"^p50_us: (\d+)", output, re.M)
    p99 = re.search(r"^p99_us: (\d+)", output, re.M)
    return {
        "rps": result.requests_per_second,
        "requests": result.requests,
        "p50_ms": round(int(p50.group(1)) / 1000, 1) if p50 else 0,
        "p99_ms": round(int(p99.group(1)) / 1000, 1) if p99 else result.p99_ms,
        "5xx": int(fivexx.group(1)) if fivexx else 0,
        "socket_errors": sum(int(n) for n in re.findall(r"\d+", sockets.group(1)))
        if sockets
        else 0,
    }


class Commenters:
    """Signed-in readers posting about every `interval` s, spread over the servers."""

    def __init__(self, bases, site, marker, count, interval, duration):
        self.bases = bases
        self.site = site
        self.marker = marker
        self.count = count
        self.interval = interval
        self.duration = duration
        self.acknowledged = [0] * count
        self.refused = [0] * count
        self.retries = [0] * count
        self.threads: list[threading.Thread] = []

    def start(self) -> None:
        deadline = time.monotonic() + self.duration
        for slot in range(self.count):
            thread = threading.Thread(target=self._write, args=(slot, deadline))
            thread.start()
            self.threads.append(thread)

    def wait(self) -> dict:
        for thread in self.threads:
            thread.join()
        return {
            "acknowledged": sum(self.acknowledged),
            "refused": sum(self.refused),
            "retries": sum(self.retries),
        }

    def _write(self, slot: int, deadline: float) -> None:
        base = self.bases[slot % len(self.bases)]
        session = f"{self.site['cookie']}={self.site['sessions'][slot]}"
        articles = self.site["articles"]
        form, cookie = _comment_form(base, articles[0]["slug"], session)
        headers = {
            "Cookie": f"{session}; {cookie}",
            "Content-Type": "application/x-www-form-urlencoded",
        }
        random.seed(slot)
        written = 0
        next_at = time.monotonic() + random.uniform(0, self.interval)
        while True:
            time.sleep(max(0.0, next_at - time.monotonic()))
            if time.monotonic() >= deadline:
                return
            article = random.choice(articles)
            written += 1
            data = form | {
                "token": uuid.uuid4().hex,
                "body": f"{self.marker} {slot}-{written} Thank you, this helped.",
            }
            status = self._post(
                base, f"/comments/post/{article['id']}/", data, headers, slot
            )
            if status in (200, 302):
                self.acknowledged[slot] += 1
            else:
                self.refused[slot] += 1
            next_at += self.interval

    def _post(self, base, path, data, headers, slot) -> int:
        """Post once, and again with the same token after a failure, as a browser."""
        body = urlencode(data)
        parts = urlsplit(base)
        for attempt in range(6):
            try:
                connection = http.client.HTTPConnection(
                    parts.hostname, parts.port, timeout=30
                )
                connection.request("POST", path, body, headers)
                status = connection.getresponse().status
                connection.close()
            except (OSError, http.client.HTTPException):
                status = 0
            if status and status < 500:
                return status
            self.retries[slot] += 1
            time.sleep(0.5 * (attempt + 1))
        return status


def _comment_form(base: str, slug: str, session: str) -> tuple[dict, str]:
    """Return the comment form's hidden fields and the CSRF cookie."""
    request = urllib.request.Request(
        f"{base}/articles/{slug}/", headers={"Cookie": session}
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        page = response.read().decode()
        cookies = response.headers.get_all("Set-Cookie") or []
    csrf = next(c.split(";", 1)[0] for c in cookies if c.startswith("csrftoken="))
    form = page[page.index('id="comment-form"') :]
    fields = {}
    for tag in re.findall(r"<input\b[^>]*>", form[: form.index("</form>")]):
        attrs = dict(re.findall(r'(\w[\w-]*)="([^"]*)"', tag))
        if "name" in attrs and attrs.get("type") not in ("checkbox", "submit"):
            fields[attrs["name"]] = unescape(attrs.get("value", ""))
    return fields, csrf


class _Killer(threading.Thread):
    def __init__(self, delay: float, master: int):
        super().__init__()
        self.delay = delay
        self.master = master
        self.killed = 0

    def run(self) -> None:
        time.sleep(self.delay)
        workers = _gunicorn_workers(self.master)
        if workers:
            self.killed = workers[0]
            os.kill(self.killed, signal.SIGKILL)

    def join_pid(self) -> int:
        self.join()
        return self.killed


def kill_a_worker_later(delay: float, master: int) -> _Killer:
    """Kill one of this gunicorn master's workers (started here) after `delay` s."""
    killer = _Killer(delay, master)
    killer.start()
    return killer


def _gunicorn_workers(master: int) -> list[int]:
    """Return the master's forked workers (same command line; not the task worker)."""
    own = Path(f"/proc/{master}/cmdline").read_bytes()
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    return [
        int(pid)
        for pid in children
        if Path(f"/proc/{pid}/cmdline").exists()
        and Path(f"/proc/{pid}/cmdline").read_bytes() == own
    ]


def cpu_seconds(masters: list[int]) -> dict[str, float]:
    """Return CPU seconds used so far by gunicorn (web) and the task workers."""
    ticks = os.sysconf("SC_CLK_TCK")
    used = {"web": 0.0, "tasks": 0.0}
    for master in masters:
        own = Path(f"/proc/{master}/cmdline").read_bytes()
        for pid in [master, *_children(master)]:
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
                same = Path(f"/proc/{pid}/cmdline").read_bytes() == own
            except OSError:
                continue  # gone meanwhile (a killed worker)
            seconds = (int(fields[11]) + int(fields[12])) / ticks
            used["web" if same else "tasks"] += seconds
    return used


def _children(pid: int) -> list[int]:
    try:
        found = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return []
    return [int(child) for child in found]


def line(row: dict) -> str:
    text = (
        f"{row['phase']:<16} {row['reader_rps']:>8,.0f} req/s"
        f"  p50 {row['p50_ms']:6.1f} ms"
        f"  p99 {row['p99_ms']:7.1f} ms  5xx {row['5xx']}  socket errors "
        f"{row['socket_errors']}"
    )
    if "acknowledged" in row:
        text += (
            f"  comments {row['acknowledged']} acknowledged, {row['stored']} stored, "
            f"{row['duplicated']} duplicated"
        )
    text += f"  CPU web {row['web_cpu']} tasks {row['tasks_cpu']}"
    if row.get("killed_worker"):
        text += f"  (killed worker {row['killed_worker']})"
    return text + f"  [load {row['load_average']}]"


def table(rows: list[dict]) -> str:
    lines = []
    setup = None
    for row in rows:
        if row["setup"] != setup:
            setup = row["setup"]
            lines.append(setup)
        lines.append("  " + line(row))
    lines += ["", "Budgets (issue 14):"]
    for check in budgets(rows):
        verdict = "PASS" if check["passed"] else "MISS"
        lines.append(f"  {verdict:<5} {check['what']:<58} {check['value']}")
    return "\n".join(lines)


def budgets(rows: list[dict]) -> list[dict]:
    checks = []
    alone = {r["setup"]: r for r in rows if r["phase"] == "readers alone"}
    for row in rows:
        if "acknowledged" not in row:
            continue
        lost = max(0, row["acknowledged"] - (row["stored"] - row["duplicated"]))
        checks.append(
            {
                "what": f"{row['setup']}: 5xx, lost, duplicated",
                "value": f"{row['5xx']}, {lost}, {row['duplicated']}",
                "passed": row["5xx"] == 0 and lost == 0 and row["duplicated"] == 0,
            }
        )
        base = alone.get(row["setup"])
        if base and base["reader_rps"]:
            share = row["reader_rps"] / base["reader_rps"]
            checks.append(
                {
                    "what": f"{row['setup']}: readers keep >= 70% with commenters",
                    "value": f"{share:.0%}",
                    "passed": share >= BUDGET_SHARE,
                }
            )
        if row["setup"].startswith("SQLite"):
            checks.append(
                {
                    "what": f"{row['setup']}: p99 < {BUDGET_P99_MS} ms with commenters",
                    "value": f"{row['p99_ms']:.0f} ms",
                    "passed": row["p99_ms"] < BUDGET_P99_MS,
                }
            )
    return checks
