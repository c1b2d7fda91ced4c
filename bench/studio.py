"""`make bench-studio`: p95 of the Studio's autosave and preview, beside a reader page.

One run, in a throwaway data dir (migrated, static files collected as
`meridian setup` does, so templates find their hashed files): an Editor, a
5,000-word article with 200 saved revisions, and a short published page.
Then, in one process through Django's whole stack (every middleware, the
session, the views; no network, no server), the autosave and the live
preview of that article as the Editor, and the short page as an anonymous
reader with the page cache off (the baseline), requested in turns so that
whatever else runs on the machine weighs on each alike. Prints p50/p95 in
milliseconds, the ratio of each p95 to the baseline's, the budget (issue 7:
each <= 50 ms server time) and the revision table's size for that history.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

if __package__ in (None, ""):  # run as `python bench/studio.py`
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

REPO = Path(__file__).resolve().parent.parent
RESULTS = REPO / "bench" / "results"
BIN = Path(sys.executable).parent
BUDGET_MS = 50
WORDS = [
    "needle",
    "meridian",
    "breath",
    "sleep",
    "tea",
    "root",
    "warmth",
    "quiet",
    "rest",
    "back",
    "pain",
    "clinic",
    "patient",
    "gentle",
    "practice",
    "herbs",
    "pulse",
    "tongue",
    "evening",
    "morning",
    "walk",
    "water",
]


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=300, help="per kind")
    parser.add_argument("--warmup", type=int, default=20, help="per kind")
    parser.add_argument("--words", type=int, default=5000)
    parser.add_argument("--revisions", type=int, default=200)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    return parser.parse_args()


def main() -> None:
    args = parse_args()
    if args.child:
        print(json.dumps(measure(args)))
        return
    with tempfile.TemporaryDirectory(prefix="meridian-bench-studio-") as temp:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "meridian.settings",
            "MERIDIAN_DATA_DIR": temp,
            "MERIDIAN_PAGE_CACHE": "0",
            "MERIDIAN_DEBUG": "0",
            "MERIDIAN_ALLOWED_HOSTS": "testserver,127.0.0.1",
            # A loopback site: staff sign in without a second factor here.
            "MERIDIAN_SITE_URL": "http://127.0.0.1:8129",
        }
        env.pop("MERIDIAN_DATABASE_URL", None)
        meridian = str(BIN / "meridian")
        for command in (["migrate"], ["collectstatic", "--noinput"]):
            subprocess.run(
                [meridian, *command], env=env, check=True, capture_output=True
            )
        argv = [sys.executable, __file__, "--child"]
        for name in ("requests", "warmup", "words", "revisions"):
            argv += [f"--{name}", str(getattr(args, name))]
        done = subprocess.run(argv, env=env, capture_output=True, text=True)
        if done.returncode:
            raise SystemExit(f"The measuring process failed:\n{done.stderr[-3000:]}")
    results = json.loads(done.stdout.strip().splitlines()[-1])
    results["load_average"] = [round(n, 2) for n in os.getloadavg()]
    report(results)
    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    path = RESULTS / f"studio-{stamp}.json"
    path.write_text(json.dumps(results, indent=2))
    print(f"Written to {path.relative_to(REPO)}")


def measure(args: argparse.Namespace) -> dict:
    """Build the article and its history, then time the requests (the child's side)."""
    import django

    django.setup()
    from django.db import DatabaseError, connection
    from django.test import Client
    from tests.factories import UserFactory

    from meridian.core.models import SiteSettings
    from meridian.journal.models import Page, Post, Revision
    from meridian.studio.roles import EDITOR, set_role

    site = SiteSettings.current()
    site.staff_require_2fa = False  # as `meridian setup --local` leaves a demo
    site.save()
    editor = UserFactory(username="sam", display_name="Samuel Okafor")
    set_role(editor, EDITOR)
    body = article(args.words)
    post = Post.objects.create(title="A long article", body=body, author=editor)
    Revision.objects.bulk_create(
        Revision(
            post=post,
            author=editor,
            kind=Revision.Kind.SAVED,
            title=post.title,
            body=f"{body}\n\nRevision {number}.",
            fields={"summary": "", "tags": ""},
            version=number,
            changed=["body"],
        )
        for number in range(1, args.revisions + 1)
    )
    Page.objects.create(title="Opening hours", slug="hours", body="Mon–Fri, 8–18.")

    writer = Client()
    writer.force_login(editor)
    reader = Client()
    base = f"/studio/articles/{post.pk}"

    def form(number: int) -> dict:
        return {
            "title": post.title,
            "body": f"{body}\n\nTyped {number}.",
            "summary": "",
            "slug": post.slug,
            "tags": "",
            "comments_open": "on",
            "version": post.version,
        }

    kinds = {
        "autosave": lambda n: writer.post(f"{base}/autosave/", form(n)),
        "preview": lambda n: writer.post(f"{base}/preview/", form(n)),
        "reader page (baseline)": lambda n: reader.get("/hours/"),
    }
    timings: dict[str, list[float]] = {kind: [] for kind in kinds}
    for number in range(args.warmup + args.requests):
        for kind, request in kinds.items():
            started = time.perf_counter()
            response = request(number)
            elapsed = (time.perf_counter() - started) * 1000
            if response.status_code != 200:
                raise SystemExit(f"{kind}: HTTP {response.status_code}")
            if number >= args.warmup:
                timings[kind].append(elapsed)

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT COUNT(*), SUM(LENGTH(title) + LENGTH(body) + LENGTH(fields)"
            " + LENGTH(changed)) FROM journal_revision"
        )
        rows, content_bytes = cursor.fetchone()
        try:
            cursor.execute(
                "SELECT SUM(pgsize) FROM dbstat WHERE name = 'journal_revision'"
            )
            table_bytes = cursor.fetchone()[0]
        except DatabaseError:  # SQLite built without dbstat
            table_bytes = None
    return {
        "words": len(body.split()),
        "revisions": rows,
        "revision_content_bytes": content_bytes,
        "revision_table_bytes": table_bytes,
        "requests_per_kind": args.requests,
        "ms": {kind: summary(values) for kind, values in timings.items()},
    }


def article(words: int) -> str:
    """Return a Markdown article of about `words` words, in paragraphs and sections."""
    parts = []
    for number in range(words // 100):
        if number % 5 == 0:
            parts.append(f"## Section {number // 5 + 1}")
        sentence = " ".join(WORDS[(number + i) % len(WORDS)] for i in range(100))
        parts.append(sentence.capitalize() + ".")
    return "\n\n".join(parts)


def summary(values: list[float]) -> dict:
    ordered = sorted(values)
    return {
        "p50": round(statistics.median(ordered), 2),
        "p95": round(ordered[int(len(ordered) * 0.95) - 1], 2),
        "max": round(ordered[-1], 2),
    }


def report(results: dict) -> None:
    ms = results["ms"]
    base = ms["reader page (baseline)"]["p95"]
    print(
        f"Studio, {results['words']:,} words, {results['revisions']} revisions; "
        f"{results['requests_per_kind']} requests each, in-process, page cache off"
    )
    print(f"{'request':<24} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'p95/base':>9}")
    for kind, figures in ms.items():
        print(
            f"{kind:<24} {figures['p50']:>8.2f} {figures['p95']:>8.2f} "
            f"{figures['max']:>8.2f} {figures['p95'] / base:>8.1f}x"
        )
    for kind in ("autosave", "preview"):
        verdict = "within" if ms[kind]["p95"] <= BUDGET_MS else "OVER"
        print(
            f"  {kind}: p95 {ms[kind]['p95']} ms, {verdict} the {BUDGET_MS} ms budget"
        )
    size = results["revision_table_bytes"]
    print(
        f"Revision table: {results['revisions']} rows, "
        f"{results['revision_content_bytes'] / 1e6:.1f} MB of text"
        + (f", {size / 1e6:.1f} MB on disk" if size else "")
    )
    print("Load average:", " ".join(str(n) for n in results["load_average"]))


if __name__ == "__main__":
    main()
