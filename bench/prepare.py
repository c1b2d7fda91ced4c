"""Grow the demo site into the measured dataset and count each page's SQL queries.

Run by bench/run.py as `python -m bench.prepare OUT.json` with
DJANGO_SETTINGS_MODULE=meridian.settings and MERIDIAN_DATA_DIR set to its
throwaway data dir, after `meridian setup` loaded the demo journal.
"""

import importlib.util
import json
import random
import sys
from datetime import timedelta

import django

MEASURED_SLUG = "what-to-expect-at-your-first-acupuncture-visit"
BODY = """
Regular treatment works best alongside small daily habits. This note gathers
what our practitioners tell patients most often, so you can read it at home.

## Why it matters

Sleep, movement and food shape how the body answers treatment. A calm week
before a course of acupuncture often makes the first sessions more useful.

## What you can do

- Walk for twenty minutes each day, at an easy pace.
- Keep a regular bedtime, even at weekends.
- Write down what changes after each visit, however small.

## When to call us

If pain gets worse, or something new worries you, call the clinic or your
family doctor. We would always rather hear from you early.
"""


def main(out_path: str, posts: int, comments: int) -> None:
    django.setup()
    random.seed(2026)  # the same dataset on every run
    report = {"posts": _grow_posts(posts)}
    article = _measured_article()
    report["article_slug"] = article.slug
    report["comments"] = _add_comments(article, comments)
    report["queries"] = _count_queries(article)

    from django.core.cache import cache

    cache.clear()  # no page or setting cached before the servers start
    with open(out_path, "w", encoding="utf-8") as handle:
        json.dump(report, handle, indent=2)


def _grow_posts(target: int) -> dict:
    """Add published posts, rendered once, until `target` are published."""
    from django.utils import timezone

    from meridian.core.rendering import render_article
    from meridian.journal.models import Category, Post, Tag

    existing = Post.objects.published().count()
    missing = max(0, target - existing)
    if missing:
        rendered = render_article(BODY)
        toc = [
            {"level": h.level, "anchor": h.anchor, "text": h.text} for h in rendered.toc
        ]
        authors = list(Post.objects.values_list("author_id", flat=True).distinct())
        categories = list(Category.objects.all())
        tags = list(Tag.objects.all())
        # Older than every demo article, so the demo stays on top of the index.
        oldest = Post.objects.published().order_by("published_at").first()
        start = (oldest.published_at if oldest else timezone.now()) - timedelta(days=1)
        new = Post.objects.bulk_create(
            Post(
                title=f"Clinic note {number}: habits that help treatment",
                slug=f"clinic-note-{number}",
                author_id=random.choice(authors),
                status=Post.Status.PUBLISHED,
                published_at=start - timedelta(hours=19 * number),
                category=random.choice(categories) if categories else None,
                body=BODY,
                body_html=rendered.html,
                body_text=rendered.text,
                toc=toc,
                word_count=rendered.word_count,
            )
            for number in range(1, missing + 1)
        )
        if tags:
            through = Post.tags.through
            through.objects.bulk_create(
                through(post_id=post.pk, tag_id=tag.pk)
                for post in new
                for tag in random.sample(tags, min(2, len(tags)))
            )
    return {"published": Post.objects.published().count(), "added": missing}


def _measured_article():
    from meridian.journal.models import Post

    published = Post.objects.published()
    return (
        published.filter(slug=MEASURED_SLUG).first()
        or published.order_by("-published_at").first()
    )


def _add_comments(article, count: int) -> dict:
    """Create `count` approved comments through the comments app, when it exists."""
    from django.apps import apps

    if importlib.util.find_spec("meridian.comments") is None or not apps.is_installed(
        "meridian.comments"
    ):
        return {"created": 0, "note": "comments app not present"}
    from bench import comment_rows

    created = comment_rows.create(article, count)
    return {"created": created, "note": f"{created} comments on the measured article"}


def _count_queries(article) -> dict:
    """Count SQL queries per page with the page cache off, after one warm-up."""
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    settings.PAGE_CACHE = False
    client = Client(HTTP_HOST="127.0.0.1")
    counts = {}
    for page, url in (("article", article.get_absolute_url()), ("index", "/")):
        client.get(url)  # fills the per-process and shared caches, as in service
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")
        counts[page] = {
            "url": url,
            "queries": len(captured),
            "sql": [query["sql"] for query in captured.captured_queries],
        }
    return counts


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]))
