"""The subscribe form after each article, in the sidebar and in the footer."""

import re

import pytest

pytestmark = pytest.mark.django_db


def test_the_form_is_after_the_article_in_the_sidebar_and_in_the_footer(client, post):
    page = client.get(post.get_absolute_url()).content.decode()
    forms = re.findall(
        r'<form class="subscribe-form" method="post" action="/subscribe/"', page
    )
    assert len(forms) == 3
    ids = re.findall(r'id="(subscribe-email-[\w-]+)"', page)
    assert ids == [
        "subscribe-email-after-article",
        "subscribe-email-sidebar",
        "subscribe-email-footer",
    ]
    assert page.count("Get new articles by email") == 3
    article_end = page.index("</article>")
    assert page.index("subscribe-email-after-article") > article_end
    assert "/subscribe/manage/" in page


def test_pages_with_the_form_stay_cacheable(client, post, settings):
    settings.PAGE_CACHE = True
    first = client.get(post.get_absolute_url())
    assert "csrftoken" not in first.cookies
    assert first["X-Cache"] == "miss"
    assert client.get(post.get_absolute_url())["X-Cache"] == "hit"


def test_the_index_has_the_form_in_sidebar_and_footer(client, post):
    page = client.get("/").content.decode()
    assert "subscribe-email-sidebar" in page
    assert "subscribe-email-footer" in page
    assert "subscribe-email-after-article" not in page
