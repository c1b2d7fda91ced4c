"""JSON Feed 1.1 for the site, categories, tags and authors.

feedparser 6.0 reads RSS and Atom only, so each feed is checked against the
JSON Feed 1.1 rules (jsonfeed.org/version/1.1) here instead.
"""

import json
from datetime import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import PostFactory, TagFactory

pytestmark = pytest.mark.django_db


def parse(client, path, **headers) -> dict:
    """Return the feed at path after checking it follows JSON Feed 1.1."""
    response = client.get(path, **headers)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/feed+json"
    feed = json.loads(response.content)
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert isinstance(feed["title"], str)
    assert feed["feed_url"].startswith("http")
    assert isinstance(feed["items"], list)
    ids = set()
    for item in feed["items"]:
        assert isinstance(item["id"], str)
        assert item["id"] not in ids
        ids.add(item["id"])
        assert item.get("content_html") or item.get("content_text")
        datetime.fromisoformat(item["date_published"])  # RFC 3339
        datetime.fromisoformat(item["date_modified"])
        for person in item["authors"]:
            assert person["name"]
    return feed


def test_the_site_feed(client, post):
    PostFactory(status="draft", title="Not yet")
    data = parse(client, "/feed/json/")
    assert data["title"] == "Meridian Journal"
    [entry] = data["items"]
    assert entry["title"] == "Needles, explained"
    assert entry["url"] == "http://127.0.0.1:8000" + post.get_absolute_url()
    assert "<h2" in data["items"][0]["content_html"]
    assert data["items"][0]["authors"][0]["name"] == "Mei Lin"
    assert data["feed_url"] == "http://127.0.0.1:8000/feed/json/"


def test_category_tag_and_author_feeds(client, post, category, tag, author):
    PostFactory(title="Elsewhere")
    for path in (
        f"/category/{category.slug}/feed/json/",
        f"/tag/{tag.slug}/feed/json/",
        f"/author/{author.username}/feed/json/",
    ):
        data = parse(client, path)
        assert [e["title"] for e in data["items"]] == ["Needles, explained"], path


def test_unknown_ones_are_404(client, db):
    for path in (
        "/category/nope/feed/json/",
        "/tag/nope/feed/json/",
        "/author/nobody/feed/json/",
    ):
        assert client.get(path).status_code == 404


def test_pages_link_their_json_feeds(client, post, category):
    page = client.get(post.get_absolute_url()).content.decode()
    assert 'type="application/feed+json"' in page
    assert 'href="/feed/json/"' in page
    listing = client.get(category.get_absolute_url()).content.decode()
    assert f'href="/category/{category.slug}/feed/json/"' in listing


def test_an_article_with_a_featured_image_names_it(client, author, library_image):
    image = library_image()
    PostFactory(author=author, title="With a picture", featured_image=image)
    (item,) = parse(client, "/feed/json/")["items"]
    assert item["image"].startswith("http")
    assert item["image"].endswith(image.file.url)


def test_items_carry_the_category_then_the_articles_tags(client, post, tag):
    post.tags.add(TagFactory(name="Acupuncture", slug="acupuncture"))
    PostFactory(category=None, title="Uncategorised").tags.add(tag)
    PostFactory(category=None, title="Bare")
    items = {e["title"]: e for e in parse(client, "/feed/json/")["items"]}
    assert items["Needles, explained"]["tags"] == ["Treatments", "Acupuncture", "Sleep"]
    assert items["Uncategorised"]["tags"] == ["Sleep"]
    assert items["Bare"]["tags"] == []


def test_reading_the_tags_costs_no_query_per_article(client, post, tag):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            parse(client, "/feed/json/")
        return len(queries)

    count()  # the first request also reads the site's settings into the cache
    few = count()
    for number in range(5):
        PostFactory(title=f"More {number}").tags.add(tag)
    assert count() == few


def test_the_language_is_the_sites_not_a_fixed_english(client, post, settings):
    settings.LANGUAGE_CODE = "de"
    settings.LANGUAGES = [("de", "German")]
    assert parse(client, "/feed/json/")["language"] == "de"


def test_the_language_follows_the_one_chosen_for_the_request(client, post, settings):
    settings.LANGUAGES = [("en", "English"), ("fr", "French")]
    feed = parse(client, "/feed/json/", HTTP_ACCEPT_LANGUAGE="fr")
    assert feed["language"] == "fr"
    assert parse(client, "/feed/json/")["language"] == "en"
