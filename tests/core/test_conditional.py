"""Conditional GET as a browser or feed reader makes it: ETag, Last-Modified, 304."""

import pytest
from django.test import Client

from meridian.journal.publishing import publish_post
from tests.factories import PostFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_cached_page_answers_its_validators_with_304(settings, author):
    settings.PAGE_CACHE = True
    PostFactory(author=author, title="First article")
    reader = Client()
    first = reader.get("/")
    assert first["X-Cache"] == "miss"
    etag, last_modified = first["ETag"], first["Last-Modified"]

    again = reader.get("/", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == etag
    assert reader.get("/", HTTP_IF_MODIFIED_SINCE=last_modified).status_code == 304
    # Hits carry the validators the stored page got.
    hit = reader.get("/")
    assert hit["X-Cache"] == "hit"
    assert hit["ETag"] == etag

    new = PostFactory.build(author=author, slug="second", status="draft")
    new.save()
    publish_post(new)
    changed = reader.get("/", HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert changed["ETag"] != etag


def test_an_uncached_page_has_an_etag_for_its_content(settings, author):
    settings.PAGE_CACHE = False
    PostFactory(author=author)
    first = Client().get("/")
    assert first.status_code == 200
    again = Client().get("/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304


def test_a_feed_answers_if_modified_since_with_304(author):
    PostFactory(author=author)
    first = Client().get("/feed/")
    assert first.status_code == 200
    last_modified = first["Last-Modified"]
    again = Client().get("/feed/", HTTP_IF_MODIFIED_SINCE=last_modified)
    assert again.status_code == 304
    assert Client().get("/feed/", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
