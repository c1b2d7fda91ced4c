"""`make bench`: requests/s, p99 and SQL queries of the reader pages, with baselines.

One run, in a throwaway data dir: `meridian setup` plus a bigger dataset
(1,000 published posts, 50 comments on the measured article when the comments
app exists), then the anonymous article and index pages served by
`meridian serve` with the page cache warm and off, beside nginx serving the
same HTML as static files and a bare Django view rendering it from a template
with no database, all under the same load generator. Results are printed and
written to bench/results/. Every process started here is stopped by its id.
"""

import argparse
import contextlib
import json
import multiprocessing
import os
import platform
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

if __package__ in (None, ""):  # run as `python bench/run.py`
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import load, nginx, report
from bench.processes import Processes, ServerFailed

REPO = Path(__file__).resolve().parent.parent
RESULTS = REPO / "bench" / "results"
HOST = "127.0.0.1"
BIN = Path(sys.executable).parent
TEMPLATE_SYNTAX = re.compile(r"\{%|%\}|\{\{|\}\}|\{#|#\}")
TEMPLATE_ESCAPES = {
    "{%": "{% templatetag openblock %}",
    "%}": "{% templatetag closeblock %}",
    "{{": "{% templatetag openvariable %}",
    "}}": "{% templatetag closevariable %}",
    "{#": "{% templatetag opencomment %}",
    "#}": "{% templatetag closecomment %}",
}


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--port", type=int, default=8051, help="first of six loopback ports"
    )
    parser.add_argument("--duration", type=float, default=10, help="seconds per load")
    parser.add_argument("--warmup", type=float, default=2, help="seconds before each")
    parser.add_argument(
        "--rounds", type=int, default=5, help="turns the duration is split into"
    )
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers")
    parser.add_argument("--threads", type=int, default=2, help="threads per worker")
    parser.add_argument("--posts", type=int, default=1000)
    parser.add_argument("--comments", type=int, default=50)
    parser.add_argument(
        "--cache-url",
        help="MERIDIAN_CACHE_URL for Meridian (default: a file cache); it is cleared",
    )
    parser.add_argument(
        "--keep", action="store_true", help="keep the temporary dir (logs, data)"
    )
    return parser.parse_args()


def main() -> int:
    args = parse_args()
    # Clean up on kill as on Ctrl-C, even when started with SIGINT ignored.
    signal.signal(signal.SIGTERM, _interrupt)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    workdir = Path(tempfile.mkdtemp(prefix="meridian-bench-"))
    (workdir / "logs").mkdir()
    processes = Processes(workdir / "logs")
    started = time.monotonic()
    try:
        results = Bench(args, workdir, processes).run()
    except KeyboardInterrupt:
        print("\nInterrupted; stopping the servers.", file=sys.stderr)
        return 130
    except (ServerFailed, subprocess.CalledProcessError) as error:
        print(f"\nThe benchmark failed: {error}", file=sys.stderr)
        if getattr(error, "stderr", None):
            print(error.stderr, file=sys.stderr)
        print(f"Logs are in {workdir / 'logs'}", file=sys.stderr)
        args.keep = True
        return 1
    finally:
        processes.stop_all()
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)
    missed = [check["what"] for check in results["budgets"] if check["passed"] is False]
    print(
        f"\nDone in {time.monotonic() - started:.0f} s; {len(missed)} budgets missed."
    )
    # A benchmark, not a test: a missed budget is reported, not an error.
    return 0


def _interrupt(signum, frame):
    raise KeyboardInterrupt


class Bench:
    def __init__(self, args: argparse.Namespace, workdir: Path, processes):
        self.args = args
        self.workdir = workdir
        self.processes = processes
        self.env = self._environment()
        self.off_port = args.port  # Meridian, page cache off
        self.on_port = args.port + 1  # Meridian, page cache on
        self.bare_port = args.port + 2
        self.nginx_port = args.port + 3
        self.front_port = args.port + 4
        self.cold_port = args.port + 5  # Meridian, page and fragment caches off

    def _environment(self) -> dict[str, str]:
        # Only this run's settings: none leaks in from the caller's shell.
        env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith("MERIDIAN_") and key != "DJANGO_SETTINGS_MODULE"
        }
        env["MERIDIAN_DATA_DIR"] = str(self.workdir / "data")
        if self.args.cache_url:
            env["MERIDIAN_CACHE_URL"] = self.args.cache_url
        env["PYTHONPATH"] = os.pathsep.join(
            filter(None, [str(REPO), env.get("PYTHONPATH")])
        )
        return env

    def run(self) -> dict:
        args = self.args
        tool = load.tool_name()
        print(self._describe(tool))
        busy = os.getloadavg()[0]
        if busy > 0.5:
            print(
                f"Note: the machine is already busy (load average {busy:.1f}); "
                "other work shares the CPU with the servers and skews the figures."
            )
        prepared = self._prepare()
        print(
            f"Dataset: {prepared['posts']['published']} published posts; "
            f"{prepared['comments']['note']}."
        )
        article_url = f"/articles/{prepared['article_slug']}/"
        pages = {"article": article_url, "index": "/"}
        rows: dict[str, dict] = {"article": {}, "index": {}}

        # Every server runs at once and the load visits them in turns, so
        # that work from elsewhere on the machine skews every setup alike.
        with contextlib.ExitStack() as servers:
            servers.enter_context(self._meridian(self.off_port, page_cache=False))
            html = {page: self._get(self.off_port, url) for page, url in pages.items()}
            stylesheets = self._stylesheets(html["article"][2])
            saved = {page: body for page, (_status, _headers, body) in html.items()}
            servers.enter_context(self._bare(saved))
            servers.enter_context(self._meridian(self.on_port, page_cache=True))
            servers.enter_context(
                self._meridian(self.cold_port, page_cache=False, fragments=False)
            )
            targets = {
                "cache off": self.off_port,
                "cold": self.cold_port,
                "bare Django": self.bare_port,
                "warm cache": self.on_port,
            }
            front_state = {}
            if nginx.binary():
                servers.enter_context(self._front())
                files = {pages[page]: body for page, body in saved.items()}
                servers.enter_context(self._nginx(files))
                targets["front cache"] = self.front_port
                targets["nginx"] = self.nginx_port
            else:
                print(
                    "nginx is not installed (apt-get install nginx-light): "
                    "no static-file baseline and no front cache."
                )
            cache_state = self._warm(self.on_port, pages, "X-Cache", "hit")
            if nginx.binary():
                front_state = self._warm(self.front_port, pages, "X-Front-Cache", "HIT")
            for page, url in pages.items():
                self._measure(rows, page, url, targets)

        results = {
            "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "machine": self._machine(tool),
            "settings": {
                "load": self._load_command(tool),
                "duration_s": args.duration,
                "rounds": max(1, args.rounds),
                "connections": args.connections,
                "gunicorn_workers": args.workers,
                "gunicorn_threads": args.threads,
                "cache": args.cache_url or "file cache (default)",
                "database": "SQLite (default)",
            },
            "dataset": prepared["posts"],
            "comments": prepared["comments"],
            "pages": pages,
            "page_bytes": {page: len(body.encode()) for page, body in saved.items()},
            "warm_cache_state": cache_state,
            "front_cache_state": front_state,
            "rows": rows,
            "queries": prepared["queries"],
            "page_weight": report.page_weight(saved["article"], stylesheets),
        }
        results["budgets"] = report.budgets(results)
        print()
        print(report.table(results))
        self._save(results)
        return results

    # -- set-up -------------------------------------------------------------

    def _prepare(self) -> dict:
        print("Setting up a throwaway site (migrations, demo, bigger dataset)...")
        self._run([str(BIN / "meridian"), "setup"], "setup")
        out = self.workdir / "prepared.json"
        self._run(
            [
                sys.executable,
                "-m",
                "bench.prepare",
                str(out),
                str(self.args.posts),
                str(self.args.comments),
            ],
            "prepare",
            DJANGO_SETTINGS_MODULE="meridian.settings",
        )
        return json.loads(out.read_text())

    def _run(self, argv: list[str], name: str, **extra: str) -> None:
        log = self.workdir / "logs" / f"{name}.log"
        with log.open("wb") as handle:
            completed = subprocess.run(
                argv,
                cwd=REPO,
                env={**self.env, **extra},
                stdin=subprocess.DEVNULL,
                stdout=handle,
                stderr=subprocess.STDOUT,
            )
        if completed.returncode:
            raise ServerFailed(
                f"{' '.join(argv)} exited with {completed.returncode}:\n"
                + log.read_text(errors="replace")[-3000:]
            )

    # -- servers ------------------------------------------------------------

    def _meridian(self, port: int, *, page_cache: bool, fragments: bool = True):
        name = "meridian-cache-" + ("on" if page_cache else "off")
        if not fragments:
            name += "-cold"
        return _Server(
            self.processes,
            name,
            [str(BIN / "meridian"), "serve", *self._server_options(port)],
            f"http://{HOST}:{port}/healthz",
            cwd=REPO,
            env={
                **self.env,
                "MERIDIAN_PAGE_CACHE": "1" if page_cache else "0",
                "MERIDIAN_FRAGMENT_CACHE": "1" if fragments else "0",
            },
        )

    def _server_options(self, port: int) -> list[str]:
        """Return the gunicorn options Meridian and the bare baseline share."""
        return [
            *("--bind", f"{HOST}:{port}"),
            *("--workers", str(self.args.workers)),
            *("--threads", str(self.args.threads)),
        ]

    def _bare(self, saved: dict[str, str]):
        templates = self.workdir / "bare-templates"
        templates.mkdir(exist_ok=True)
        for page, body in saved.items():
            escaped = TEMPLATE_SYNTAX.sub(lambda m: TEMPLATE_ESCAPES[m.group()], body)
            (templates / f"{page}.html").write_text(escaped, encoding="utf-8")
        return _Server(
            self.processes,
            "bare-django",
            [
                sys.executable,
                "-m",
                "bench.bare_site",
                *self._server_options(self.bare_port),
            ],
            f"http://{HOST}:{self.bare_port}/",
            cwd=REPO,
            env={**self.env, "BENCH_BARE_TEMPLATES": str(templates)},
        )

    def _front(self):
        config = nginx.write_front(
            self.workdir / "nginx-front",
            f"{HOST}:{self.on_port}",
            HOST,
            self.front_port,
        )
        return _Server(
            self.processes,
            "nginx-front",
            nginx.argv(config),
            f"http://{HOST}:{self.front_port}/healthz",
        )

    def _nginx(self, files: dict[str, str]):
        config = nginx.write_site(self.workdir / "nginx", files, HOST, self.nginx_port)
        return _Server(
            self.processes,
            "nginx",
            nginx.argv(config),
            f"http://{HOST}:{self.nginx_port}/",
        )

    # -- measuring ----------------------------------------------------------

    def _get(self, port: int, url: str, timeout: float = 10) -> tuple[int, dict, str]:
        address = f"http://{HOST}:{port}{url}"
        with urllib.request.urlopen(address, timeout=timeout) as r:
            return r.status, dict(r.headers), r.read().decode("utf-8")

    def _stylesheets(self, html: str) -> dict[str, bytes]:
        sheets = {}
        for href in report.assets(html).stylesheets:
            url = (
                href
                if href.startswith("http")
                else (f"http://{HOST}:{self.off_port}{href}")
            )
            with urllib.request.urlopen(url, timeout=10) as response:
                sheets[href] = response.read()
        return sheets

    def _warm(self, port: int, pages: dict, header: str, hit: str) -> dict:
        """Fill a cache; return the header each page then answers with."""
        state = {}
        for page, url in pages.items():
            self._get(port, url)
            _status, headers, _body = self._get(port, url)
            state[page] = headers.get(header, "absent")
            if state[page] != hit:
                print(
                    f"Warning: the {page} page is not served from the cache "
                    f"({header}: {state[page]})."
                )
        return state

    def _measure(self, rows: dict, page: str, url: str, targets: dict) -> None:
        """Load one page on every setup in turns; keep each setup's combined figures."""
        args = self.args
        rounds = max(1, args.rounds)
        share = max(1.0, args.duration / rounds)
        for port in targets.values():
            if args.warmup > 0:
                load.run(
                    f"http://{HOST}:{port}{url}",
                    duration=args.warmup,
                    connections=args.connections,
                )
            self._get(port, url, timeout=60)  # the server has drained its queue
        measured: dict[str, list[load.LoadResult]] = {name: [] for name in targets}
        for _round in range(rounds):
            for setup, port in targets.items():
                measured[setup].append(
                    load.run(
                        f"http://{HOST}:{port}{url}",
                        duration=share,
                        connections=args.connections,
                    )
                )
                self._get(port, url, timeout=60)
        for setup, results in measured.items():
            combined = load.combine(results)
            rows[page][setup] = combined
            print(
                f"  {page:<8} {setup:<12} "
                f"{combined['requests_per_second']:>9,.0f} req/s"
                f"   p99 {combined['p99_ms']:7.1f} ms"
                + (f"   {combined['errors']} errors" if combined["errors"] else "")
            )

    # -- reporting ----------------------------------------------------------

    def _load_command(self, tool: str) -> str:
        args = self.args
        rounds = max(1, args.rounds)
        share = max(1, round(args.duration / rounds))
        if tool == "wrk":
            return (
                f"wrk -t1 -c{args.connections} -d{share}s --timeout 10s --latency, "
                f"{rounds} turns ({rounds * share} s)"
            )
        return (
            f"Python keep-alive client, {args.connections} connections, "
            f"{rounds} turns of {share} s (wrk not installed; far below wrk)"
        )

    def _describe(self, tool: str) -> str:
        args = self.args
        lines = [
            f"Load: {self._load_command(tool)} per setup and page, the setups "
            f"taking turns; {args.warmup:g} s warm-up before each.",
            f"Servers: gunicorn {args.workers} workers x {args.threads} threads "
            f"(gthread) for Meridian and bare Django; nginx worker_processes auto "
            f"(static baseline, and front cache: proxy_cache honouring "
            f"X-Accel-Expires, docs/nginx.conf); {multiprocessing.cpu_count()} CPU "
            f"cores.",
        ]
        if tool != "wrk":
            lines.append(
                "wrk is not installed (apt-get install wrk): "
                "using the Python load generator instead."
            )
        return "\n".join(lines)

    def _machine(self, tool: str) -> dict:
        import django
        import gunicorn

        commit = subprocess.run(
            ["git", "describe", "--always", "--dirty"],
            cwd=REPO,
            capture_output=True,
            text=True,
        ).stdout.strip()
        return {
            "cpus": multiprocessing.cpu_count(),
            "python": platform.python_version(),
            "django": django.get_version(),
            "gunicorn": gunicorn.__version__,
            "nginx": nginx.version(),
            "load_tool": tool,
            "load_average_at_end": [round(n, 2) for n in os.getloadavg()],
            "commit": commit,
        }

    def _save(self, results: dict) -> None:
        RESULTS.mkdir(exist_ok=True)
        stamp = results["measured_at"].replace(":", "").replace("+0000", "Z")
        text = json.dumps(results, indent=2)
        (RESULTS / f"bench-{stamp}.json").write_text(text)
        (RESULTS / "latest.json").write_text(text)
        print(f"\nResults: {RESULTS / 'latest.json'}")


class _Server:
    """Context manager: start a server, wait until it answers, always stop it."""

    def __init__(self, processes, name, argv, ready_url, **popen):
        self.processes = processes
        self.name = name
        self.argv = argv
        self.ready_url = ready_url
        self.popen = popen

    def __enter__(self):
        self.processes.start(self.name, self.argv, **self.popen)
        self.processes.wait_http(self.name, self.ready_url)
        return self

    def __exit__(self, *exc_info):
        self.processes.stop(self.name)
        return False


if __name__ == "__main__":
    sys.exit(main())
