"""`make loadtest`: 100 readers and 20 commenters at once on a live `meridian serve`.

Each setup runs readers alone, then readers beside commenters: SQLite (the
default file cache), PostgreSQL + Redis, two app servers on one PostgreSQL and
one Redis, and the two again with one gunicorn worker killed (`kill -9`)
half-way. Readers are wrk connections over a mix of index, article, archive,
feed and static pages, a fifth of them with utm_ or fbclid parameters;
commenters are signed-in readers each posting on one of the articles read about
every 1.5 s, retrying a failed post with the same form token as a browser
would. Per run: reader req/s, p50, p99, 5xx and socket errors; comments
acknowledged, stored (counted in the database) and duplicated.

LOADTEST_DURATION (seconds per run, default 60), LOADTEST_DATABASE_URL (a
PostgreSQL database this run may drop and create) and LOADTEST_CACHE_URL (a
Redis database it may clear) change the defaults. Every process started here
is stopped by its id; results go to bench/results/loadtest-latest.json.
"""

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

if __package__ in (None, ""):  # run as `python bench/loadtest.py`
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import loadtest_clients as clients
from bench.processes import Processes, ServerFailed

REPO = Path(__file__).resolve().parent.parent
RESULTS = REPO / "bench" / "results"
HOST = "127.0.0.1"
BIN = Path(sys.executable).parent
SETUPS = ("sqlite", "postgres", "two", "two-kill")
TITLES = {
    "sqlite": "SQLite, one app server",
    "postgres": "PostgreSQL + Redis, one app server",
    "two": "PostgreSQL + Redis, two app servers",
    "two-kill": "two app servers, a worker killed half-way",
}


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--duration", type=float, default=float(os.environ.get("LOADTEST_DURATION", 60))
    )
    parser.add_argument("--readers", type=int, default=100)
    parser.add_argument("--commenters", type=int, default=20)
    parser.add_argument("--interval", type=float, default=1.5, help="s between posts")
    parser.add_argument("--posts", type=int, default=300)
    parser.add_argument("--port", type=int, default=8110, help="first of two ports")
    parser.add_argument("--setups", default=",".join(SETUPS))
    parser.add_argument(
        "--serve", default="", help="extra `meridian serve` options, e.g. --threads 4"
    )
    parser.add_argument(
        "--database-url",
        default=os.environ.get(
            "LOADTEST_DATABASE_URL",
            "postgres://postgres@127.0.0.1:5432/meridian_loadtest",
        ),
    )
    parser.add_argument(
        "--cache-url",
        default=os.environ.get("LOADTEST_CACHE_URL", "redis://127.0.0.1:6379/13"),
    )
    parser.add_argument("--keep", action="store_true", help="keep logs and data")
    return parser.parse_args()


def main() -> int:
    args = parse_args()
    signal.signal(signal.SIGTERM, _interrupt)
    workdir = Path(tempfile.mkdtemp(prefix="meridian-loadtest-"))
    (workdir / "logs").mkdir()
    processes = Processes(workdir / "logs")
    rows: list[dict] = []
    print(
        f"{args.readers} readers (wrk) and {args.commenters} commenters, one post "
        f"every {args.interval:g} s each, {args.duration:g} s per run; "
        f"load average {_load()} at the start."
    )
    try:
        for setup in args.setups.split(","):
            rows += LoadTest(args, workdir / setup, processes, setup).run()
    except KeyboardInterrupt:
        print("\nInterrupted; stopping the servers.", file=sys.stderr)
        return 130
    except (ServerFailed, subprocess.CalledProcessError) as error:
        print(f"\nThe load test failed: {error}", file=sys.stderr)
        print(f"Logs are in {workdir / 'logs'}", file=sys.stderr)
        args.keep = True
        return 1
    finally:
        processes.stop_all()
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)
    print()
    print(clients.table(rows))
    _save(args, rows)
    return 0


def _interrupt(signum, frame):
    raise KeyboardInterrupt


def _load() -> str:
    return ", ".join(f"{n:.2f}" for n in os.getloadavg())


class LoadTest:
    """One setup: a fresh site, its servers, readers alone, then with commenters."""

    def __init__(self, args, workdir: Path, processes: Processes, setup: str):
        self.args = args
        self.workdir = workdir
        self.processes = processes
        self.setup = setup
        self.ports = (
            [args.port]
            if setup in ("sqlite", "postgres")
            else [
                args.port,
                args.port + 1,
            ]
        )
        workdir.mkdir(parents=True)
        self.env = self._environment()

    def _environment(self) -> dict[str, str]:
        env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith("MERIDIAN_") and key != "DJANGO_SETTINGS_MODULE"
        }
        env["MERIDIAN_DATA_DIR"] = str(self.workdir / "data")
        env["PYTHONPATH"] = os.pathsep.join(
            filter(None, [str(REPO), env.get("PYTHONPATH")])
        )
        if self.setup != "sqlite":
            env["MERIDIAN_DATABASE_URL"] = self.args.database_url
            env["MERIDIAN_CACHE_URL"] = self.args.cache_url
        return env

    def run(self) -> list[dict]:
        print(f"\n{TITLES[self.setup]}: setting up a site...")
        if self.setup != "sqlite":
            clients.recreate_database(self.args.database_url)
        site = self._prepare()
        urls = clients.reader_urls(site)
        bases = [f"http://{HOST}:{port}" for port in self.ports]
        rows = []
        for number, port in enumerate(self.ports):
            self._serve(f"{self.setup}-{number}", port)
        try:
            for base in bases:
                clients.warm(base, urls)
            if self.setup != "two-kill":
                rows.append(self._run("readers alone", bases, urls, site, False))
            rows.append(self._run("with commenters", bases, urls, site, True))
        finally:
            for number in range(len(self.ports)):
                self.processes.stop(f"{self.setup}-{number}")
        return rows

    def _prepare(self) -> dict:
        self._django([str(BIN / "meridian"), "setup"], "setup")
        self._django(
            [
                sys.executable,
                "-m",
                "bench.prepare",
                str(self.workdir / "p.json"),
                str(self.args.posts),
                "20",
            ],
            "prepare",
        )
        out = self.workdir / "site.json"
        self._django(
            [
                sys.executable,
                "-m",
                "bench.loadtest_site",
                "prepare",
                str(out),
                str(self.args.commenters),
            ],
            "site",
        )
        return json.loads(out.read_text())

    def _django(self, argv: list[str], name: str) -> str:
        completed = subprocess.run(
            argv,
            cwd=REPO,
            env={**self.env, "DJANGO_SETTINGS_MODULE": "meridian.settings"},
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
        )
        (self.workdir / f"{name}.log").write_text(completed.stdout + completed.stderr)
        if completed.returncode:
            raise ServerFailed(f"{name} failed:\n{completed.stderr[-3000:]}")
        return completed.stdout

    def _serve(self, name: str, port: int) -> None:
        self.processes.start(
            name,
            [
                str(BIN / "meridian"),
                "serve",
                *("--bind", f"{HOST}:{port}"),
                *self.args.serve.split(),
            ],
            cwd=REPO,
            env=self.env,
        )
        self.processes.wait_http(name, f"http://{HOST}:{port}/healthz")

    def _run(self, phase: str, bases, urls, site, commenting: bool) -> dict:
        args = self.args
        marker = f"Load {self.setup} {int(time.time())}:"
        kill = None
        if self.setup == "two-kill":
            master = self.processes.children[f"{self.setup}-0"].pid
            kill = (args.duration / 2, master)
        readers = clients.Readers(
            bases, urls, self.workdir, args.readers, args.duration
        )
        commenters = (
            clients.Commenters(
                bases, site, marker, args.commenters, args.interval, args.duration
            )
            if commenting
            else None
        )
        masters = [
            self.processes.children[f"{self.setup}-{n}"].pid
            for n in range(len(self.ports))
        ]
        before = clients.cpu_seconds(masters)
        readers.start()
        if commenters:
            commenters.start()
        killed = clients.kill_a_worker_later(*kill) if kill else None
        reading = readers.wait()
        after = clients.cpu_seconds(masters)
        row = {
            "setup": TITLES[self.setup],
            "phase": phase,
            **reading,
            # CPU seconds per second of the run: gunicorn (web) and the task
            # worker that sends notifications (tasks), all servers together.
            "web_cpu": round((after["web"] - before["web"]) / args.duration, 2),
            "tasks_cpu": round((after["tasks"] - before["tasks"]) / args.duration, 2),
            "load_average": _load(),
        }
        if commenters:
            row.update(commenters.wait())
            counted = json.loads(
                self._django(
                    [sys.executable, "-m", "bench.loadtest_site", "count", marker],
                    "count",
                )
            )
            row["stored"] = counted["stored"]
            row["duplicated"] = counted["stored"] - counted["distinct"]
        if killed is not None:
            row["killed_worker"] = killed.join_pid()
        print("  " + clients.line(row))
        return row


def _save(args, rows: list[dict]) -> None:
    RESULTS.mkdir(exist_ok=True)
    results = {
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "settings": {
            "readers": args.readers,
            "commenters": args.commenters,
            "interval_s": args.interval,
            "duration_s": args.duration,
            "posts": args.posts,
            "cpus": os.cpu_count(),
        },
        "rows": rows,
        "budgets": clients.budgets(rows),
    }
    (RESULTS / "loadtest-latest.json").write_text(json.dumps(results, indent=2))
    print(f"\nResults: {RESULTS / 'loadtest-latest.json'}")


if __name__ == "__main__":
    sys.exit(main())
