"""`make bench-import`: items/s and peak memory of `meridian import-wordpress`.

Writes a deterministic WordPress export (bench/wordpress_export.py; 20,000 posts
and 200,000 comments by default) into a throwaway data dir, migrates an empty
SQLite site there, and times the import command as a separate process, whose
peak RSS the kernel reports when it exits. A second run over the same file
measures the idempotent path (everything skipped). Budget (README, "Budgets"):
at least 1,000 items/s and at most 300 MB peak RSS.
"""

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

if __package__ in (None, ""):  # run as `python bench/import_wordpress.py`
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import wordpress_export

REPO = Path(__file__).resolve().parent.parent
RESULTS = REPO / "bench" / "results"
BIN = Path(sys.executable).parent
BUDGET_ITEMS_PER_S = 1000
BUDGET_RSS_MB = 300
_ITEMS = re.compile(r"^([\d,]+) items in ([\d.]+) s", re.MULTILINE)


def _run_import(path: Path, env: dict) -> dict:
    """Run the import as a child process; return its items, seconds and peak RSS."""
    started = time.monotonic()
    child = subprocess.Popen(
        [str(BIN / "meridian"), "import-wordpress", str(path)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert child.stdout is not None
    output = child.stdout.read()
    _pid, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.monotonic() - started
    found = _ITEMS.search(output)
    if child.returncode != 0 or not found:
        print(output[-3000:])
        raise SystemExit(f"the import failed (exit {child.returncode})")
    items = int(found.group(1).replace(",", ""))
    cpu = usage.ru_utime + usage.ru_stime
    return {
        # On a machine shared with other work, CPU time is the steadier figure.
        "cpu_seconds": round(cpu, 1),
        "items_per_cpu_s": round(items / cpu) if cpu else 0,
        "items": items,
        "seconds": round(seconds, 1),
        "items_per_s": round(items / seconds),
        # Linux reports ru_maxrss in kilobytes.
        "peak_rss_mb": round(usage.ru_maxrss / 1024),
        "summary": output.split("\n\n")[0],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=20_000)
    parser.add_argument("--comments", type=int, default=200_000)
    parser.add_argument("--keep", action="store_true", help="keep the data dir")
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="meridian-bench-import-"))
    env = {
        **os.environ,
        "MERIDIAN_DATA_DIR": str(workdir / "data"),
        "MERIDIAN_TASKS": "immediate",
        "MERIDIAN_DEBUG": "0",
    }
    env.pop("MERIDIAN_DATABASE_URL", None)
    env.pop("MERIDIAN_CACHE_URL", None)
    export = workdir / "export.xml"
    started = time.monotonic()
    size = wordpress_export.write(export, args.posts, args.comments)
    print(
        f"export: {args.posts:,} posts, {args.comments:,} comments, "
        f"{size / 1e6:.0f} MB, written in {time.monotonic() - started:.0f} s"
    )
    subprocess.run(
        [str(BIN / "meridian"), "migrate", "-v0"], env=env, check=True
    )  # fmt: skip
    first = _run_import(export, env)
    print(first["summary"])
    again = _run_import(export, env)
    rows = [("first import", first), ("second run (all unchanged)", again)]
    print()
    print(
        f"{'':28} {'items':>9} {'seconds':>8} {'items/s':>8} "
        f"{'CPU s':>7} {'items/CPU s':>11} {'peak RSS':>9}"
    )
    for label, run in rows:
        print(
            f"{label:28} {run['items']:>9,} {run['seconds']:>8} "
            f"{run['items_per_s']:>8,} {run['cpu_seconds']:>7} "
            f"{run['items_per_cpu_s']:>11,} {run['peak_rss_mb']:>6} MB"
        )
    print(f"load average at the end: {os.getloadavg()[0]:.1f}")
    ok_rate = first["items_per_s"] >= BUDGET_ITEMS_PER_S
    ok_rss = max(first["peak_rss_mb"], again["peak_rss_mb"]) <= BUDGET_RSS_MB
    print(
        f"\nbudget: ≥ {BUDGET_ITEMS_PER_S:,} items/s "
        f"{'met' if ok_rate else 'MISSED'}; ≤ {BUDGET_RSS_MB} MB peak RSS "
        f"{'met' if ok_rss else 'MISSED'} (export {size / 1e6:.0f} MB)"
    )
    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    result = {
        "when": stamp,
        "posts": args.posts,
        "comments": args.comments,
        "export_mb": round(size / 1e6),
        "first": {k: v for k, v in first.items() if k != "summary"},
        "second": {k: v for k, v in again.items() if k != "summary"},
    }
    (RESULTS / f"import-{stamp}.json").write_text(json.dumps(result, indent=2))
    if args.keep:
        print(f"data kept in {workdir}")
    else:
        for child in sorted(workdir.rglob("*"), reverse=True):
            child.rmdir() if child.is_dir() else child.unlink()
        workdir.rmdir()


if __name__ == "__main__":
    main()
