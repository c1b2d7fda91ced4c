"""Two app servers on one PostgreSQL and one Redis, as docs/deploy.md scales out.

A publish through one shows through the other at once; a comment through the
second refreshes the article's cached page on the first, while another
article's cached page stays cached there; a Site settings change reaches both,
the copies each worker keeps included. Runs only when the suite itself runs
on PostgreSQL and Redis (MERIDIAN_DATABASE_URL, MERIDIAN_CACHE_URL).
"""

import http.cookiejar
import os
import re
import urllib.parse
import urllib.request
import uuid
from html import unescape

import pytest

from tests.serving import NoRedirect, meridian, serving, site_environ

DATABASE_URL = os.environ.get("MERIDIAN_DATABASE_URL", "")
CACHE_URL = os.environ.get("MERIDIAN_CACHE_URL", "")
# Far from the databases the suite's workers use (1 + worker number).
REDIS_DATABASE = 14
PASSWORD = "a long and only-for-tests passphrase"

pytestmark = pytest.mark.skipif(
    not (DATABASE_URL.startswith("postgres") and CACHE_URL.startswith("redis")),
    reason="two app servers need PostgreSQL and Redis",
)

PREPARE = f"""
from allauth.account.models import EmailAddress
from datetime import timedelta
from django.utils import timezone
from meridian.accounts.models import User
from meridian.core.models import SiteSettings
from meridian.journal.models import Post

site = SiteSettings.current()
site.staff_require_2fa = False
site.hold_first_comment = False
site.comment_min_seconds = 0
site.comment_rate_limit = "0"
site.save()
editor = User.objects.create_superuser("editor", "editor@example.org", {PASSWORD!r})
reader = User.objects.create_user("reader", "reader@example.org", {PASSWORD!r})
for person in (editor, reader):
    EmailAddress.objects.update_or_create(
        user=person, email=person.email, defaults={{"verified": True, "primary": True}}
    )
for slug, days in (("discussed", 2), ("quiet", 3)):
    Post.objects.create(
        title=f"The {{slug}} article", slug=slug, author=editor, body="Words.",
        status=Post.Status.PUBLISHED,
        published_at=timezone.now() - timedelta(days=days),
    )
"""


class Browser:
    """A reader's browser: cookies kept, redirects not followed."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.cookies), NoRedirect
        )

    def get(self, path: str):
        return self._open(urllib.request.Request(self.base + path))

    def post(self, path: str, data: dict):
        body = urllib.parse.urlencode(data).encode()
        referer = {"Referer": self.base + path}
        return self._open(urllib.request.Request(self.base + path, body, referer))

    def _open(self, request):
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status, response.headers, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read().decode()

    def sign_in(self, login: str) -> None:
        _status, _headers, page = self.get("/accounts/login/")
        status, _headers, _page = self.post(
            "/accounts/login/",
            {"csrfmiddlewaretoken": _token(page), "login": login, "password": PASSWORD},
        )
        assert status == 302, _page


def _token(page: str) -> str:
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    assert match, page[:500]
    return match.group(1)


def _inputs(page: str) -> dict[str, str]:
    fields = {}
    for tag in re.findall(r"<input\b[^>]*>", page):
        attrs = dict(re.findall(r'(\w[\w-]*)="([^"]*)"', tag))
        if "name" in attrs and attrs.get("type") not in ("checkbox", "submit"):
            fields[attrs["name"]] = unescape(attrs.get("value", ""))
    return fields


def _cached(base: str, path: str) -> tuple[str, str]:
    """Return (X-Cache, page) as an anonymous reader gets it."""
    _status, headers, page = Browser(base).get(path)
    return headers.get("X-Cache", ""), page


@pytest.fixture
def database():
    """A database of its own on the suite's PostgreSQL server."""
    import psycopg

    parts = urllib.parse.urlsplit(DATABASE_URL)
    name = f"meridian_two_{uuid.uuid4().hex[:8]}"
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    yield parts._replace(path=f"/{name}").geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def shared_cache():
    """An empty Redis database for the two servers, emptied again after them.

    A site settings copy left by an earlier run (five minutes) would reach
    the new site's database through PREPARE's save.
    """
    import redis

    base, _, _db = CACHE_URL.rpartition("/")
    url = f"{base}/{REDIS_DATABASE}"
    client = redis.Redis.from_url(url)
    client.flushdb()
    yield url
    client.flushdb()
    client.close()


def test_two_app_servers_see_each_others_changes_at_once(
    tmp_path, database, shared_cache
):
    environ = site_environ(
        tmp_path, MERIDIAN_DATABASE_URL=database, MERIDIAN_CACHE_URL=shared_cache
    )
    meridian(environ, "setup", "--no-demo")
    meridian(environ, "shell", "-c", PREPARE)
    with serving(environ) as first, serving(environ) as second:
        # Stored on the second before the publish.
        _cached(second.url, "/")
        assert _cached(second.url, "/")[0] == "hit"

        editor = Browser(first.url)
        editor.sign_in("editor")
        _status, _headers, dashboard = editor.get("/studio/")
        status, headers, _page = editor.post(
            "/studio/articles/new/", {"csrfmiddlewaretoken": _token(dashboard)}
        )
        assert status == 302
        edit = headers["Location"]
        _status, _headers, page = editor.get(edit)
        form = _inputs(page) | {
            "title": "Fresh from the first server",
            "slug": "fresh",
            "body": "Published on one, read on the other.",
            "summary": "",
            "tags": "",
            "comments_open": "on",
            "action": "publish",
        }
        status, _headers, page = editor.post(edit, form)
        assert status == 302, page[:2000]

        state, index = _cached(second.url, "/")
        assert state == "miss"
        assert "Fresh from the first server" in index
        assert "Published on one" in _cached(second.url, "/articles/fresh/")[1]

        # Both articles cached on the first.
        for path in ("/articles/discussed/", "/articles/quiet/"):
            _cached(first.url, path)
            assert _cached(first.url, path)[0] == "hit", path

        reader = Browser(second.url)
        reader.sign_in("reader")
        _status, _headers, article = reader.get("/articles/discussed/")
        form_html = article[article.index('id="comment-form"') :]
        action = re.search(r'action="(/comments/post/\d+/)"', article)
        assert action, form_html[:1000]
        fields = _inputs(form_html) | {"body": "Sent through the second server."}
        status, _headers, page = reader.post(action.group(1), fields)
        assert status == 302, page[:2000]

        state, page = _cached(first.url, "/articles/discussed/")
        assert state == "miss"
        assert "Sent through the second server." in page
        assert _cached(first.url, "/articles/quiet/")[0] == "hit"

        # Each worker keeps the site settings between changes: a change made
        # elsewhere (here a third process) reaches the signed-in reader's page
        # on the second and the cached pages on the first at once.
        for _ in range(4):
            assert "Renamed clinic" not in reader.get("/articles/quiet/")[2]
        meridian(
            environ,
            "shell",
            "-c",
            "from meridian.core.models import SiteSettings\n"
            "site = SiteSettings.objects.get(pk=1)\n"
            "site.name = 'Renamed clinic'\n"
            "site.save()",
        )
        for _ in range(4):
            assert "Renamed clinic" in reader.get("/articles/quiet/")[2]
        state, page = _cached(first.url, "/articles/quiet/")
        assert state == "miss"
        assert "Renamed clinic" in page
    assert "Traceback" not in first.output + second.output
