"""`make bench-mail`: one article to N subscribers over real SMTP, messages/s and RSS.

A throwaway SQLite site (its own data dir) and a real SMTP server on loopback
(aiosmtpd, `tests/mail_sink.py`, in a process of its own). The article goes
through the production path: `email_article()` queues the mailing in the
database task queue, and `meridian db_worker --batch` (a separate process,
as `meridian serve` runs it) sends every batch with MERIDIAN_EMAIL_RATE=0
(unlimited) and exits when the queue is empty.

Measured in the same run:
- **baseline**: the same email (built once by the real composer) sent N times
  through Django's SMTP backend over one connection, one message per call as
  the worker sends them, with no database work: the ceiling of the path;
- **Meridian**: the worker, first for N/10 subscribers, then for N, so memory
  can be seen not to grow with the list. Messages/s is counted over the
  server's window (first to last message received); the worker's wall time,
  Django's start-up included, is printed beside it.

CPU seconds (the children's rusage, Django's start-up included on both sides)
give messages per CPU second, steadier than wall-clock rates on a machine whose
other work comes and goes. Peak RSS is the worker's VmHWM, read from /proc
while it runs. Budget (issue
12): at least 200 messages/s, memory flat.
"""

import argparse
import json
import os
import resource
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
RESULTS = REPO / "bench" / "results"
BIN = Path(sys.executable).parent
BUDGET_PER_S = 200


# Phases run in child processes (Django set up there, never in this one) ---------


def _django():
    import django

    django.setup()


def phase_seed(subscribers: int, start: int) -> None:
    """Create the author and two articles once, and subscribers [start, start+n)."""
    _django()
    from django.utils import timezone

    from meridian.accounts.models import User
    from meridian.journal.models import Post
    from meridian.subscribers.models import Subscriber

    author, _ = User.objects.get_or_create(
        username="bench", defaults={"display_name": "Dr Bench"}
    )
    for slug in ("small", "large"):
        if not Post.objects.filter(slug=slug).exists():
            Post.objects.create(
                title=f"Sleep and the seasons ({slug})",
                slug=slug,
                author=author,
                summary="Why we sleep differently in winter, and what helps.",
                body="## Light\n\n" + "Morning light sets the clock. " * 120,
                status=Post.Status.PUBLISHED,
                published_at=timezone.now() - timedelta(hours=1),
            )
    now = timezone.now()
    Subscriber.objects.bulk_create(
        (
            Subscriber(email=f"reader{n}@example.org", confirmed_at=now)
            for n in range(start, start + subscribers)
        ),
        batch_size=2000,
    )


def phase_enqueue(slug: str) -> None:
    _django()
    from meridian.journal.models import Post
    from meridian.subscribers.mailings import email_article

    email_article(Post.objects.get(slug=slug))


def phase_baseline(count: int) -> None:
    """Send the article's email `count` times through Django's SMTP backend alone."""
    _django()
    from django.core.mail import get_connection

    from meridian.journal.models import Post
    from meridian.subscribers.composing import Composer, Recipient
    from meridian.subscribers.models import Mailing

    mailing = Mailing(kind=Mailing.Kind.ARTICLE, post=Post.objects.get(slug="large"))
    mailing.pk = 0
    message = Composer(mailing).message(Recipient(0, "baseline@example.org", "k"))
    started = time.perf_counter()
    with get_connection(timeout=30) as connection:
        for n in range(count):
            message.to = [f"baseline{n}@example.org"]
            connection.send_messages([message])
    print(json.dumps({"seconds": time.perf_counter() - started, **_rss()}))


def phase_count(slug: str) -> None:
    _django()
    from django.db.models import Count

    from meridian.subscribers.models import Delivery

    rows = (
        Delivery.objects.filter(mailing__post__slug=slug)
        .values_list("status")
        .annotate(n=Count("id"))
    )
    print(json.dumps(dict(rows)))


def _rss() -> dict:
    status = Path("/proc/self/status").read_text()
    fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
    return {"peak_rss_mb": int(fields["VmHWM"].split()[0]) / 1024}


# The conductor (this process stays small: no Django here) -----------------------


class Sink:
    """The SMTP server process, and its tally on demand."""

    def __init__(self, port: int, workdir: Path, env: dict) -> None:
        self.stats_file = workdir / "sink.json"
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "tests.mail_sink",
                "--port",
                str(port),
                "--stats",
                str(self.stats_file),
            ],
            cwd=REPO,
            env=env,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.process.stdout is not None
        self.process.stdout.readline()  # "listening on ..."

    def clear(self) -> None:
        self.process.send_signal(signal.SIGUSR2)
        time.sleep(0.3)

    def tally(self) -> dict:
        self.stats_file.unlink(missing_ok=True)
        self.process.send_signal(signal.SIGUSR1)
        for _ in range(100):
            if self.stats_file.exists():
                try:
                    return json.loads(self.stats_file.read_text())
                except json.JSONDecodeError:
                    pass  # still being written
            time.sleep(0.1)
        raise SystemExit("the SMTP server did not report")

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(10)


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _child(env: dict, *args: str) -> str:
    done = subprocess.run(
        [sys.executable, __file__, *args],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode:
        print(done.stderr[-3000:])
        raise SystemExit(f"phase {args[1]} failed")
    return done.stdout


def _watch_rss(pid: int, samples: list[float], peak: list[float]) -> None:
    """Sample a process's RSS and VmHWM until it exits."""
    path = Path(f"/proc/{pid}/status")
    while True:
        try:
            fields = dict(
                line.split(":", 1)
                for line in path.read_text().splitlines()
                if ":" in line
            )
        except (FileNotFoundError, ProcessLookupError):
            return
        if "VmHWM" not in fields:  # a zombie: it has exited
            return
        samples.append(int(fields["VmRSS"].split()[0]) / 1024)
        peak[0] = max(peak[0], int(fields["VmHWM"].split()[0]) / 1024)
        time.sleep(0.25)


def run_worker(env: dict) -> dict:
    """Run `meridian db_worker --batch` until the queue is empty; time and RSS."""
    started = time.monotonic()
    worker = subprocess.Popen(
        [
            str(BIN / "meridian"),
            "db_worker",
            "--batch",
            "--no-startup-delay",
            "--interval",
            "0.1",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    samples: list[float] = []
    peak = [0.0]
    watcher = threading.Thread(target=_watch_rss, args=(worker.pid, samples, peak))
    watcher.start()
    _, errors = worker.communicate()
    watcher.join()
    if worker.returncode:
        print(errors[-3000:])
        raise SystemExit("the worker failed")
    quarter = max(len(samples) // 4, 1)
    return {
        "wall_seconds": time.monotonic() - started,
        "peak_rss_mb": peak[0],
        "rss_mb_first_quarter": max(samples[:quarter], default=0),
        "rss_mb_last_quarter": max(samples[-quarter:], default=0),
    }


def _per_second(count: int, tally: dict) -> float:
    window = (tally["last_at"] or 0) - (tally["first_at"] or 0)
    return count / window if window > 0 else 0.0


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def conduct(subscribers: int, port: int, keep: bool) -> None:
    workdir = Path(tempfile.mkdtemp(prefix="meridian-bench-mail-"))
    env = {k: v for k, v in os.environ.items() if not k.startswith("MERIDIAN_")}
    env.update(
        MERIDIAN_DATA_DIR=str(workdir / "data"),
        MERIDIAN_TASKS="database",
        MERIDIAN_EMAIL_RATE="0",
        MERIDIAN_EMAIL_URL=f"smtp://127.0.0.1:{port}",
        DJANGO_SETTINGS_MODULE="meridian.settings",
        PYTHONPATH=str(REPO),
    )
    small = max(subscribers // 10, 1)
    subprocess.run([str(BIN / "meridian"), "migrate", "-v0"], env=env, check=True)
    _child(env, "--phase", "seed", "--subscribers", str(small), "--start", "0")
    sink = Sink(port, workdir, env)
    try:
        runs = {}
        print(f"baseline: Django's SMTP backend alone, {subscribers:,} messages")
        sink.clear()
        cpu_before = _children_cpu()
        baseline = json.loads(
            _child(env, "--phase", "baseline", "--count", str(subscribers))
        )
        tally = sink.tally()
        assert tally["messages"] == subscribers, tally
        cpu = _children_cpu() - cpu_before
        runs["baseline"] = {
            **baseline,
            "per_s": _per_second(subscribers, tally),
            "cpu_seconds": cpu,
            "per_cpu_s": subscribers / cpu,
        }

        for slug, count in (("small", small), ("large", subscribers)):
            if slug == "large":
                rest = str(subscribers - small)
                _child(
                    env, "--phase", "seed", "--subscribers", rest, "--start", str(small)
                )
            print(f"Meridian: the article to {count:,} subscribers (db_worker)")
            _child(env, "--phase", "enqueue", "--slug", slug)
            sink.clear()
            cpu_before = _children_cpu()
            figures = run_worker(env)
            cpu = _children_cpu() - cpu_before
            tally = sink.tally()
            rows = json.loads(_child(env, "--phase", "count", "--slug", slug))
            if (
                tally["messages"] != count
                or tally["repeated"]
                or rows != {"sent": count}
            ):
                raise SystemExit(f"not one message each: {tally} {rows}")
            runs[slug] = {
                **figures,
                "per_s": _per_second(count, tally),
                "count": count,
                "cpu_seconds": cpu,
                "per_cpu_s": count / cpu,
            }
    finally:
        sink.stop()
    report(runs, subscribers)
    if keep:
        print(f"data kept in {workdir}")
    else:
        subprocess.run(["rm", "-rf", str(workdir)], check=False)


def report(runs: dict, subscribers: int) -> None:
    load = os.getloadavg()
    base, small, large = runs["baseline"], runs["small"], runs["large"]
    print()
    print(
        f"{'':34} {'messages':>9} {'msg/s':>7} {'wall s':>7} "
        f"{'CPU s':>7} {'msg/CPU s':>9} {'peak RSS':>9}"
    )
    print(
        f"{'baseline (SMTP backend only)':34} {subscribers:>9,} "
        f"{base['per_s']:>7.0f} {base['seconds']:>7.1f} {base['cpu_seconds']:>7.1f} "
        f"{base['per_cpu_s']:>9.0f} {base['peak_rss_mb']:>6.0f} MB"
    )
    for label, run in (
        ("Meridian worker, 1/10 of the list", small),
        ("Meridian worker, whole list", large),
    ):
        print(
            f"{label:34} {run['count']:>9,} {run['per_s']:>7.0f} "
            f"{run['wall_seconds']:>7.1f} {run['cpu_seconds']:>7.1f} "
            f"{run['per_cpu_s']:>9.0f} {run['peak_rss_mb']:>6.0f} MB"
        )
    ratio = large["per_s"] / base["per_s"] if base["per_s"] else 0
    cpu_ratio = large["per_cpu_s"] / base["per_cpu_s"]
    growth = large["peak_rss_mb"] - small["peak_rss_mb"]
    print(
        f"\nMeridian / baseline: {ratio:.0%} in messages/s, {cpu_ratio:.0%} in "
        "messages per CPU second (steadier on a shared machine). "
        "Worker RSS over the whole list: "
        f"{large['rss_mb_first_quarter']:.0f} MB in the first quarter, "
        f"{large['rss_mb_last_quarter']:.0f} MB in the last; peak "
        f"{growth:+.0f} MB against a list ten times shorter."
    )
    print(f"load average at the end: {load[0]:.1f} {load[1]:.1f} {load[2]:.1f}")
    ok_rate = large["per_s"] >= BUDGET_PER_S
    print(
        f"budget: ≥ {BUDGET_PER_S} messages/s {'met' if ok_rate else 'MISSED'}; "
        f"memory flat: {'yes' if abs(growth) < 20 else 'NO'} (within 20 MB)"
    )
    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    result = {"when": stamp, "subscribers": subscribers, "load": load, **runs}
    (RESULTS / f"mail-{stamp}.json").write_text(json.dumps(result, indent=2))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--subscribers", type=int, default=20_000)
    parser.add_argument("--port", type=int, default=0, help="SMTP port (default: free)")
    parser.add_argument("--keep", action="store_true", help="keep the data dir")
    parser.add_argument("--phase", help=argparse.SUPPRESS)
    parser.add_argument("--start", type=int, default=0, help=argparse.SUPPRESS)
    parser.add_argument("--count", type=int, default=0, help=argparse.SUPPRESS)
    parser.add_argument("--slug", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phase == "seed":
        phase_seed(args.subscribers, args.start)
    elif args.phase == "enqueue":
        phase_enqueue(args.slug)
    elif args.phase == "baseline":
        phase_baseline(args.count)
    elif args.phase == "count":
        phase_count(args.slug)
    else:
        conduct(args.subscribers, args.port or _free_port(), args.keep)


if __name__ == "__main__":
    main()
