"""The results page and the OpenSearch description, as a reader gets them."""

import pytest
from django.db import connection, connections
from django.urls import reverse

from meridian.search import query
from tests.factories import CategoryFactory, UserFactory

pytestmark = pytest.mark.django_db
URL = "/search/"


def test_results_show_count_highlighted_titles_and_snippets(client, article):
    article(title="Needles, explained", body="Fine needles barely hurt.")
    response = client.get(URL, {"q": "needle"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "1 result for “needle”" in html
    assert "<mark>Needles</mark>, explained" in html
    assert "Fine <mark>needles</mark> barely hurt" in html
    assert 'value="needle"' in html  # the typed text is kept in the box
    assert '<meta name="robots" content="noindex">' in html


def test_no_query_is_a_friendly_page_with_the_latest_articles(client, article):
    article(title="Latest news")
    html = client.get(URL).content.decode()
    assert "Type a word or two" in html
    assert "Latest articles" in html
    assert "Latest news" in html


def test_no_results_says_so_and_offers_the_latest(client, article):
    article(title="Latest news")
    html = client.get(URL, {"q": "zebra"}).content.decode()
    assert "No results for “zebra”." in html
    assert "Latest news" in html


@pytest.mark.parametrize(
    "text",
    [
        '"unbalanced',
        "acu*",
        "title:sleep",
        "NEAR(a b)",
        "^sleep",
        "((((",
        "x" * 2000,
        "😀",
        "'; DROP TABLE search_document; --",
        "-",
        "OR",
    ],
)
def test_anything_typed_gives_a_page_never_an_error(client, article, text):
    article(title="Sleep well")
    response = client.get(URL, {"q": text, "page": "x", "year": "zz"})
    assert response.status_code == 200
    assert "result" in response.content.decode().lower()


def test_a_nul_byte_is_refused_with_the_bad_request_page(client):
    # core's RejectBadPathMiddleware answers before search; never a 500.
    assert client.get(URL, {"q": "a\x00b"}).status_code == 400


def test_pages_link_on_with_the_same_words_and_filters(client, article):
    herbs = CategoryFactory(name="Herbs", slug="herbs")
    for number in range(12):
        article(title=f"Ginger {number}", category=herbs)
    html = client.get(URL, {"q": "ginger", "category": "herbs"}).content.decode()
    assert "12 results" in html
    assert 'href="?q=ginger&amp;category=herbs&amp;page=2" rel="next"' in html
    html = client.get(URL + "?q=ginger&category=herbs&page=2").content.decode()
    assert 'href="?q=ginger&amp;category=herbs" rel="prev"' in html
    assert 'href="?q=ginger"' in html  # removes the category filter


def test_filters_offer_what_is_published(client, article):
    article(title="Tea", author=UserFactory(username="mei", display_name="Mei Lin"))
    html = client.get(URL, {"q": "tea"}).content.decode()
    assert '<option value="mei">Mei Lin</option>' in html
    html = client.get(URL, {"q": "tea", "author": "nobody"}).content.decode()
    assert "No results for “tea”." in html


def test_results_page_stays_within_the_query_budget(
    client, article, django_assert_max_num_queries
):
    for number in range(15):
        article(title=f"Cupping {number}", category=CategoryFactory())
    client.get(URL, {"q": "cupping"})  # filter choices computed once
    with django_assert_max_num_queries(8):
        response = client.get(URL, {"q": "cupping"})
    assert response.status_code == 200


def test_only_the_pages_own_links_are_cached_for_signed_out_readers(
    client, article, settings
):
    settings.PAGE_CACHE = True
    for number in range(12):
        article(title=f"Moxa {number}")
    typed = client.get(URL, {"q": "moxa"})
    assert "X-Cache" not in typed.headers
    assert "X-Cache" not in client.get(URL, {"q": "moxa"}).headers
    link = URL + "?q=moxa&page=2"
    assert client.get(link).headers["X-Cache"] == "miss"
    assert client.get(link).headers["X-Cache"] == "hit"
    for odd in ["?page=2&q=moxa", "?q=moxa&page=2&x=1", "?q=Moxa++&page=2"]:
        assert "X-Cache" not in client.get(URL + odd).headers


def test_opensearch_description_points_at_the_results_page(client):
    response = client.get(reverse("search:opensearch"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/opensearchdescription")
    assert "/search/?q={searchTerms}" in response.content.decode()


@pytest.mark.parametrize("path", ["/", "/no-such-page/", URL])
def test_every_page_has_the_search_box_and_the_opensearch_link(client, path):
    html = client.get(path).content.decode()
    assert 'role="search" method="get" action="/search/"' in html
    assert 'name="q"' in html
    assert '<details class="site-search site-search--narrow">' in html
    assert 'rel="search" type="application/opensearchdescription+xml"' in html


def test_a_very_common_word_says_how_far_it_counted(client, article, monkeypatch):
    monkeypatch.setattr(query, "RANK_WINDOW", 3)
    for number in range(5):
        article(title=f"Breathing {number}")
    html = client.get(URL, {"q": "breathing"}).content.decode()
    assert "3 or more results for “breathing”" in html


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL locks the table to rebuild"
)
def test_a_search_during_a_rebuild_says_so_instead_of_waiting(client, monkeypatch):
    from meridian.search.backends import postgres

    monkeypatch.setattr(postgres, "LOCK_WAIT_MS", 100)
    # `meridian search-rebuild` in another process: the table is locked from
    # its TRUNCATE to its commit.
    rebuild = connections.create_connection("default")
    try:
        with rebuild.cursor() as cursor:
            cursor.execute("SET lock_timeout = '5s'")
            cursor.execute("BEGIN")
            cursor.execute(f"LOCK TABLE {postgres.TABLE} IN ACCESS EXCLUSIVE MODE")
            response = client.get(URL, {"q": "needles"})
            cursor.execute("ROLLBACK")
    finally:
        rebuild.close()
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    html = response.content.decode()
    assert "Search is being brought up to date" in html
    assert "Try fewer words" not in html  # nothing wrong with what was typed
    assert 'value="needles"' in html  # the typed text is kept in the box
    assert client.get(URL, {"q": "needles"}).status_code == 200
