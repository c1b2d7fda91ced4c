"""Through the whole site: no comment text makes the article page run a script."""

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from meridian.comments.forms import sign_start
from meridian.comments.models import Comment, new_token
from tests.helpers import configure_site, executables

pytestmark = pytest.mark.django_db

ATTACKS = [
    "<script>alert(1)</script>",
    "[x](javascript:alert(1))",
    "<img src=x onerror=alert(1)>",
    "[y](JaVaScRiPt:alert(1))",
    "<a href='javascript:x'>a</a>",
    "[z](  javascript:alert(1))",
    "[w](java\tscript:alert(1))",
    "<svg onload=x>",
    "<iframe src=//evil></iframe>",
    '"><script>alert(1)</script>',
    "</div></li></ol><script>alert(1)</script>",
    "<style>*{}</style>",
    "[v](data:text/html,<script>alert(1)</script>)",
    "`<script>`",
    "> <b onmouseover=x>quote</b>",
    '<http://a.b/"onmouseover="x>',
    "&#60;script&#62;alert(1)&#60;/script&#62;",
]


def _thread_html(page: str) -> str:
    start = page.index('<section id="comments"')
    return page[start : page.index('id="respond"', start)]


def _main_html(page: str) -> str:
    return page.split("<main", 1)[1].split("</main>", 1)[0]


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    st.lists(
        st.one_of(st.text(min_size=1), st.sampled_from(ATTACKS)), min_size=1, max_size=5
    )
    .map("\n".join)
    .filter(lambda text: text.strip())
)
def test_no_posted_comment_renders_anything_executable(post, reader, text):
    configure_site(
        comment_min_seconds=0,
        comment_rate_limit="0",
        hold_first_comment=False,
        hold_personal_details=False,
        hold_link_threshold=1000,
    )
    client = Client()
    client.force_login(reader)
    before = Comment.objects.count()
    response = client.post(
        f"/comments/post/{post.pk}/",
        {"body": text, "token": new_token(), "started": sign_start(0)},
    )
    # Published at once (no rule holds it), or refused by the form: never both.
    stored = Comment.objects.count() > before
    assert response.status_code == (302 if stored else 400), response.status_code
    page = client.get(post.get_absolute_url()).content.decode()
    assert executables(_thread_html(page)) == []
    if response.status_code == 400:  # the error page shows the text back
        assert (
            executables(
                response.content.decode().split("<main", 1)[1].split("</main>")[0]
            )
            == []
        )
    Comment.objects.all().delete()
