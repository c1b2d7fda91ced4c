"""The load test's side inside Django: make the commenters, count what they left.

Run by bench/loadtest.py with DJANGO_SETTINGS_MODULE=meridian.settings and the
site's MERIDIAN_* variables, after `meridian setup` and `bench.prepare`:

    python -m bench.loadtest_site prepare OUT.json COMMENTERS
    python -m bench.loadtest_site count MARKER
"""

import json
import sys
from importlib import import_module

import django

READ_ARTICLES = 30  # the newest, which readers read and commenters discuss


def prepare(out_path: str, commenters: int) -> None:
    """Set comment limits aside, sign in the commenters, list the reader URLs."""
    django.setup()
    from allauth.account.models import EmailAddress
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

    from meridian.accounts.models import User
    from meridian.core.models import SiteSettings
    from meridian.journal.models import Category, Page, Post, Tag

    site = SiteSettings.current()
    # The run measures reads beside writes, not the doors in front of writes.
    site.hold_first_comment = False
    site.comment_rate_limit = "0"
    site.comment_min_seconds = 0
    site.save()

    store = import_module(settings.SESSION_ENGINE).SessionStore
    sessions = []
    for number in range(commenters):
        person, _created = User.objects.get_or_create(
            username=f"commenter{number}",
            defaults={
                "email": f"commenter{number}@example.org",
                "display_name": f"Commenter {number}",
            },
        )
        EmailAddress.objects.update_or_create(
            user=person,
            email=person.email,
            defaults={"verified": True, "primary": True},
        )
        session = store()
        session[SESSION_KEY] = str(person.pk)
        session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
        session[HASH_SESSION_KEY] = person.get_session_auth_hash()
        session.create()
        sessions.append(session.session_key)

    articles = list(
        Post.objects.published()
        .order_by("-published_at")
        .values("pk", "slug", "published_at")[:READ_ARTICLES]
    )
    months = sorted({a["published_at"].strftime("/%Y/%m/") for a in articles})
    report = {
        "cookie": settings.SESSION_COOKIE_NAME,
        "sessions": sessions,
        "articles": [{"id": a["pk"], "slug": a["slug"]} for a in articles],
        "archives": [
            *(c.get_absolute_url() for c in Category.objects.all()[:5]),
            *(t.get_absolute_url() for t in Tag.objects.all()[:5]),
            *(
                f"/author/{name}/"
                for name in Post.objects.authors().values_list("username", flat=True)[
                    :3
                ]
            ),
            *months[:3],
        ],
        "pages": [p.get_absolute_url() for p in Page.objects.filter(published=True)],
    }
    with open(out_path, "w", encoding="utf-8") as handle:
        json.dump(report, handle, indent=2)


def count(marker: str) -> None:
    """Print how many comments carry the marker, and how many distinct texts."""
    django.setup()
    from meridian.comments.models import Comment

    bodies = list(
        Comment.objects.filter(body__startswith=marker).values_list("body", flat=True)
    )
    print(json.dumps({"stored": len(bodies), "distinct": len(set(bodies))}))


if __name__ == "__main__":
    if sys.argv[1] == "prepare":
        prepare(sys.argv[2], int(sys.argv[3]))
    else:
        count(sys.argv[2])
