"""`make bench-search`: search speed over 100,000 articles, on SQLite and PostgreSQL.

Generates the articles (bench/search_corpus.py, fixed seed), builds the
index the way `meridian search-rebuild` does and times it, then runs a fixed
mix of 1,000 searches through meridian.search.query.search() (count, ranked
page, snippets and result rows: what the results page asks for) and prints
p50 and p95 per kind and overall. PostgreSQL runs when it is reachable, in
its own database (default `bench_search`, dropped and made again).
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

if __package__ in (None, ""):  # run as `python bench/search.py`
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

REPO = Path(__file__).resolve().parent.parent
RESULTS = REPO / "bench" / "results"
BUDGET_MS = 30
BUILD_BUDGET_S = 120
DEFAULT_POSTGRES = "postgres://postgres@127.0.0.1:5432/bench_search"


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=1_000)
    parser.add_argument(
        "--engine", choices=["sqlite", "postgres", "all"], default="all"
    )
    parser.add_argument("--postgres-url", default=DEFAULT_POSTGRES)
    parser.add_argument(
        "--data-dir", help="SQLite data dir to keep and reuse (default: a temp dir)"
    )
    parser.add_argument(
        "--reuse", action="store_true", help="keep articles already generated"
    )
    parser.add_argument(
        "--no-build", action="store_true", help="with --reuse: keep the index too"
    )
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    return parser.parse_args()


def main() -> None:
    args = parse_args()
    if args.child:
        measure(args)
        return
    engines = ["sqlite", "postgres"] if args.engine == "all" else [args.engine]
    with tempfile.TemporaryDirectory(prefix="meridian-bench-search-") as temp:
        for engine in engines:
            env = {
                **os.environ,
                "DJANGO_SETTINGS_MODULE": "meridian.settings",
                "MERIDIAN_DATA_DIR": args.data_dir or temp,
                "MERIDIAN_PAGE_CACHE": "0",
            }
            if engine == "postgres":
                if not _postgres_ready(args.postgres_url, fresh=not args.reuse):
                    print(f"PostgreSQL at {args.postgres_url} not reachable: skipped")
                    continue
                env["MERIDIAN_DATABASE_URL"] = args.postgres_url
            else:
                env.pop("MERIDIAN_DATABASE_URL", None)
            argv = [sys.executable, __file__, "--child", "--engine", engine]
            argv += ["--posts", str(args.posts), "--queries", str(args.queries)]
            argv += ["--reuse"] if args.reuse else []
            argv += ["--no-build"] if args.no_build else []
            subprocess.run(argv, env=env, check=True)


def _postgres_ready(url: str, *, fresh: bool) -> bool:
    import psycopg

    base, _, name = url.rpartition("/")
    try:
        with psycopg.connect(f"{base}/postgres", autocommit=True) as connection:
            exists = connection.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s", [name]
            ).fetchone()
            if exists and fresh:
                connection.execute(f'DROP DATABASE "{name}"')
            if not exists or fresh:
                connection.execute(f'CREATE DATABASE "{name}"')
    except psycopg.OperationalError:
        return False
    return True


def measure(args: argparse.Namespace) -> None:
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from bench.search_corpus import Corpus

    corpus = Corpus()
    generated = _generate(corpus, args.posts, reuse=args.reuse)
    from meridian.search.indexing import rebuild_index
    from meridian.search.models import Document

    started = time.perf_counter()
    if args.no_build and generated is None:
        indexed = Document.objects.count()
    else:
        indexed = rebuild_index()
    build_seconds = time.perf_counter() - started
    timings = _run_queries(corpus.queries(args.queries))
    report = _report(args.engine, indexed, generated, build_seconds, timings)
    RESULTS.mkdir(exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    path = RESULTS / f"search-{args.engine}-{stamp}.json"
    path.write_text(json.dumps(report, indent=2))
    print(f"  written to {path.relative_to(REPO)}")


def _generate(corpus, count: int, *, reuse: bool) -> float | None:
    """Create `count` published articles; return the seconds it took."""
    from django.db import transaction

    from meridian.accounts.models import User
    from meridian.journal.models import Category, Post, Tag

    if reuse and Post.objects.count() == count:
        return None
    started = time.perf_counter()
    Post.objects.all().delete()
    author, _ = User.objects.get_or_create(
        username="bench", defaults={"display_name": "Bench Author"}
    )
    categories = [
        Category.objects.get_or_create(slug=f"bench-{n}", name=f"Topic {n}")[0]
        for n in range(8)
    ]
    tags = [
        Tag.objects.get_or_create(slug=f"bench-{word}", name=word.capitalize())[0]
        for word in corpus.vocabulary[150:190]
    ]
    start = datetime(2015, 1, 1, tzinfo=UTC)
    Through = Post.tags.through
    batch = 2000
    for first in range(0, count, batch):
        posts = []
        for number in range(first, min(first + batch, count)):
            title, summary, body = corpus.article()
            posts.append(
                Post(
                    title=title,
                    slug=f"bench-{number}",
                    author=author,
                    status=Post.Status.PUBLISHED,
                    published_at=start + timedelta(minutes=50 * number),
                    summary=summary,
                    body=body,
                    body_text=body,
                    word_count=body.count(" ") + 1,
                    category=corpus.rng.choice(categories),
                )
            )
        with transaction.atomic():
            Post.objects.bulk_create(posts)
            Through.objects.bulk_create(
                Through(post_id=post.pk, tag_id=tag.pk)
                for post in posts
                for tag in corpus.rng.sample(tags, corpus.rng.randint(0, 3))
            )
    return time.perf_counter() - started


def _run_queries(queries: list[tuple[str, str]]) -> list[tuple[str, str, float, int]]:
    from meridian.search.query import search

    for _kind, text in queries[:50]:  # warm the caches of the database
        search(text)
    timings = []
    for kind, text in queries:
        started, cpu = time.perf_counter(), time.process_time()
        page = search(text)
        timings.append(
            (
                kind,
                text,
                (time.perf_counter() - started) * 1000,
                (time.process_time() - cpu) * 1000,
                page.total,
            )
        )
    return timings


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def _report(engine, indexed, generated, build_seconds, timings) -> dict:
    from django.db import connection

    all_ms = [ms for _kind, _text, ms, _cpu, _total in timings]
    all_cpu = [cpu for _kind, _text, _ms, cpu, _total in timings]
    kinds: dict[str, list] = {}
    for kind, _text, ms, cpu, total in timings:
        kinds.setdefault(kind, []).append((ms, cpu, total))
    print(f"\n== search on {engine} ({connection.vendor}) ==")
    if generated is not None:
        print(f"  generated {indexed:,} articles in {generated:.0f} s")
    verdict = "within" if build_seconds <= BUILD_BUDGET_S else "OVER"
    print(
        f"  index build: {indexed:,} documents in {build_seconds:.1f} s"
        f" ({verdict} the {BUILD_BUDGET_S} s budget)"
    )
    print(
        f"  {'queries':<14}{'n':>5}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}"
        f"{'cpu p95':>9}{'hits':>7}"
    )
    rows = {}
    for kind, values in [*kinds.items(), ("all", None)]:
        if values is None:
            ms, cpu, hits = all_ms, all_cpu, None
        else:
            ms = [value[0] for value in values]
            cpu = [value[1] for value in values]
            hits = statistics.median(value[2] for value in values)
        rows[kind] = {
            "n": len(ms),
            "p50_ms": _percentile(ms, 0.5),
            "p95_ms": _percentile(ms, 0.95),
            "max_ms": max(ms),
            "cpu_p95_ms": _percentile(cpu, 0.95),
            "median_hits": hits,
        }
        print(
            f"  {kind:<14}{len(ms):>5}{rows[kind]['p50_ms']:>9.1f}"
            f"{rows[kind]['p95_ms']:>9.1f}{max(ms):>9.1f}"
            f"{rows[kind]['cpu_p95_ms']:>9.1f}"
            + (f"{hits:>7,.0f}" if hits is not None else "")
        )
    p50, p95 = rows["all"]["p50_ms"], rows["all"]["p95_ms"]
    verdict = "within" if p95 <= BUDGET_MS else "OVER"
    print(
        f"  p95 {p95:.1f} ms: {verdict} the {BUDGET_MS} ms budget (load average"
        f" {os.getloadavg()[0]:.1f}; cpu: this process's own time per search)"
    )
    return {
        "engine": engine,
        "documents": indexed,
        "index_build_s": build_seconds,
        "p50_ms": p50,
        "p95_ms": p95,
        "kinds": rows,
        "load_average": os.getloadavg(),
    }


if __name__ == "__main__":
    main()
