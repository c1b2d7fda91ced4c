"""The API's HTTP behaviour: conditional GET, CORS, the rate limit, queries, caching."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import PostFactory, TagFactory

pytestmark = pytest.mark.django_db

CLINIC = "https://clinic.example"


def test_conditional_get_answers_304_with_the_same_etag(client, post):
    first = client.get("/api/v1/articles")
    etag = first["ETag"]

    again = client.get("/api/v1/articles", headers={"If-None-Match": etag})

    assert again.status_code == 304
    assert again.content == b""
    post.title = "A new title"
    post.save()
    changed = client.get("/api/v1/articles", headers={"If-None-Match": etag})
    assert changed.status_code == 200
    assert changed["ETag"] != etag


def test_cors_only_for_the_listed_origins(client, settings, post):
    settings.CORS_ALLOWED_ORIGINS = [CLINIC]

    allowed = client.get("/api/v1/articles", headers={"Origin": CLINIC})
    stranger = client.get(
        "/api/v1/articles", headers={"Origin": "https://evil.example"}
    )
    page = client.get(post.get_absolute_url(), headers={"Origin": CLINIC})

    assert allowed["Access-Control-Allow-Origin"] == CLINIC
    assert "ETag" in allowed["Access-Control-Expose-Headers"]
    assert "Access-Control-Allow-Credentials" not in allowed
    assert "Access-Control-Allow-Origin" not in stranger
    assert "Access-Control-Allow-Origin" not in page  # reader pages are not the API


def test_cors_preflight_allows_reading_only(client, settings):
    settings.CORS_ALLOWED_ORIGINS = [CLINIC]

    response = client.options(
        "/api/v1/articles",
        headers={"Origin": CLINIC, "Access-Control-Request-Method": "GET"},
    )

    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == CLINIC
    assert set(response["Access-Control-Allow-Methods"].split(", ")) == {
        "GET",
        "HEAD",
        "OPTIONS",
    }


def test_no_cors_when_no_origin_is_configured(client, settings, post):
    settings.CORS_ALLOWED_ORIGINS = []

    response = client.get("/api/v1/articles", headers={"Origin": CLINIC})

    assert "Access-Control-Allow-Origin" not in response


def test_rate_limit_answers_429_in_json_with_retry_after(client, settings, post):
    settings.API_RATE_LIMIT = "3/min"

    statuses = [client.get("/api/v1/articles").status_code for _ in range(4)]

    assert statuses == [200, 200, 200, 429]
    refused = client.get("/api/v1/tags")
    assert refused.status_code == 429
    assert refused.json() == {"detail": "Too many requests."}
    assert 0 < int(refused["Retry-After"]) <= 60


def test_article_list_stays_within_the_reader_page_query_budget(
    client, author, library_image
):
    picture = library_image()
    tags = TagFactory.create_batch(3)
    for _ in range(30):
        post = PostFactory(author=author, featured_image=picture)
        post.tags.add(*tags)

    with CaptureQueriesContext(connection) as queries:
        response = client.get("/api/v1/articles?page_size=30")

    assert response.status_code == 200
    assert len(response.json()["items"]) == 30
    assert len(queries) <= 8, [q["sql"] for q in queries]


def test_page_cache_keeps_known_queries_and_skips_others(client, settings, post):
    settings.PAGE_CACHE = True

    client.get("/api/v1/articles?tag=sleep")
    hit = client.get("/api/v1/articles?tag=sleep")
    unknown = client.get("/api/v1/articles?utm_source=x&whatever=1")

    assert hit["X-Cache"] == "hit"
    assert unknown.status_code == 400
    assert "X-Cache" not in unknown


def test_cached_answer_still_carries_cors_headers(client, settings, post):
    settings.PAGE_CACHE = True
    settings.CORS_ALLOWED_ORIGINS = [CLINIC]
    client.get("/api/v1/articles")

    hit = client.get("/api/v1/articles", headers={"Origin": CLINIC})

    assert hit["X-Cache"] == "hit"
    assert hit["Access-Control-Allow-Origin"] == CLINIC


def test_rate_limit_reads_the_proxy_entry_not_the_clients_own(client, settings, post):
    settings.API_RATE_LIMIT = "2/min"
    settings.NINJA_NUM_PROXIES = 1

    def fetch(forwarded):
        return client.get(
            "/api/v1/articles", headers={"X-Forwarded-For": forwarded}
        ).status_code

    # A client that writes its own X-Forwarded-For entries cannot dodge the
    # limit: the proxy's appended entry (the last) is the one counted.
    assert [fetch(f"10.0.0.{n}, 203.0.113.9") for n in range(3)] == [200, 200, 429]
    assert fetch("203.0.113.10") == 200


def test_a_malformed_origin_is_refused_at_start_up(settings):
    from django.core import checks

    settings.CORS_ALLOWED_ORIGINS = ["clinic.example"]  # no scheme

    errors = checks.run_checks()

    assert "corsheaders.E013" in {error.id for error in errors}
