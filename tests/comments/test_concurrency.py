"""20 concurrent commenters against a live server: no errors, nothing lost.

The suite runs it for a few seconds; set MERIDIAN_COMMENT_LOAD_SECONDS=30 for
the issue's full run (`MERIDIAN_COMMENT_LOAD_SECONDS=30 .venv/bin/pytest
tests/comments/test_concurrency.py`).
"""

import os
import re
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest
from django.test import Client

from meridian.comments.models import Comment
from meridian.journal.models import Post
from tests.comments.conftest import confirmed_reader, form_fields
from tests.helpers import configure_site

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.xdist_group("live-server"),
]
COMMENTERS = 20
SECONDS = float(os.environ.get("MERIDIAN_COMMENT_LOAD_SECONDS", "3"))
_LOCATION = re.compile(r"#comment-(\d+)$")


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _remember(cookies: dict, response) -> None:
    for header in response.headers.get_all("Set-Cookie") or []:
        name, _sep, rest = header.partition("=")
        cookies[name.strip()] = rest.split(";", 1)[0]


def _commenter(base: str, session: str, post, deadline: float, log: list) -> None:
    """Read the article and post its form, again and again, logging each answer."""
    opener = urllib.request.build_opener(_NoRedirect())
    cookies = {"sessionid": session}
    article = base + post.get_absolute_url()
    number = 0
    while time.monotonic() < deadline:
        number += 1
        jar = "; ".join(f"{name}={value}" for name, value in cookies.items())
        try:
            page = opener.open(
                urllib.request.Request(article, headers={"Cookie": jar}), timeout=60
            )
            with page:
                _remember(cookies, page)
                data = form_fields(page.read().decode())
            data["body"] = f"Comment {number} from {session[:6]}"
            jar = "; ".join(f"{name}={value}" for name, value in cookies.items())
            request = urllib.request.Request(
                f"{base}/comments/post/{post.pk}/",
                data=urllib.parse.urlencode(data).encode(),
                headers={"Referer": article, "Cookie": jar},
            )
            with opener.open(request, timeout=60) as answer:
                log.append((answer.status, None))
        except urllib.error.HTTPError as answer:
            match = _LOCATION.search(answer.headers.get("Location", ""))
            log.append((answer.code, int(match.group(1)) if match else None))
        except Exception as error:  # noqa: BLE001 - every failure is counted
            log.append((repr(error), None))


def test_twenty_commenters_at_once_lose_nothing(live_server, post):
    configure_site(
        comment_min_seconds=0,
        hold_first_comment=False,
        comment_rate_limit="100000/1m",
        hold_personal_details=False,
    )
    sessions = []
    for _ in range(COMMENTERS):
        client = Client()
        client.force_login(confirmed_reader())
        sessions.append(client.cookies["sessionid"].value)
    log: list = []
    deadline = time.monotonic() + SECONDS
    threads = [
        threading.Thread(
            target=_commenter,
            args=(live_server.url, session, post, deadline, log),
        )
        for session in sessions
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    failures = [entry for entry in log if entry[0] != 302]
    assert failures == []
    accepted = {comment_id for _status, comment_id in log}
    stored = set(Comment.objects.filter(post=post).values_list("pk", flat=True))
    assert len(log) >= COMMENTERS
    assert accepted == stored
    post.refresh_from_db()
    assert post.comment_count == len(stored)
    assert (
        Post.objects.get(pk=post.pk).comment_count == Comment.objects.approved().count()
    )
