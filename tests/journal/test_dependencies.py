"""What a publish or an edit forgets: its article, its neighbours, the lists,
feeds and sitemap; static pages stay cached. Transactional, with fragments
kept and the page cache on, as on a running site."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from meridian.journal.publishing import publish_post
from tests.factories import PageFactory, PostFactory
from tests.helpers import cache_state, warm

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("rendered_fragments"),
]

LISTS = ["/", "/feed/", "/feed/atom/", "/sitemap.xml"]


@pytest.fixture
def client(settings):
    settings.PAGE_CACHE = True
    return Client()


@pytest.fixture
def older(author):
    return PostFactory(
        author=author,
        title="Older article",
        published_at=timezone.now() - timedelta(days=3),
    )


@pytest.fixture
def about(db):
    return PageFactory(title="About the clinic", slug="about")


def test_a_publish_refreshes_lists_feeds_sitemap_and_neighbours_only(
    client, author, older, about
):
    warm(client, *LISTS, older.get_absolute_url(), "/about/")
    new = PostFactory.build(author=author, title="Fresh article", status="draft")
    new.save()
    publish_post(new)
    for url in LISTS:
        assert cache_state(client, url) == "miss", url
        assert new.get_absolute_url() in client.get(url).content.decode(), url
    # The older article now names the new one as its next.
    assert cache_state(client, older.get_absolute_url()) == "miss"
    assert "Fresh article" in client.get(older.get_absolute_url()).content.decode()
    assert cache_state(client, "/about/") == "hit"


def test_an_edit_refreshes_its_page_and_lists_not_static_pages(
    client, author, older, about
):
    warm(client, "/", older.get_absolute_url(), "/about/")
    older.title = "Older article, revised"
    older.save()
    assert cache_state(client, older.get_absolute_url()) == "miss"
    assert "Older article, revised" in client.get("/").content.decode()
    assert cache_state(client, "/about/") == "hit"


def test_a_static_page_edit_refreshes_it_and_leaves_articles_cached(
    client, older, about
):
    warm(client, "/", older.get_absolute_url(), "/about/")
    about.body = "We moved to a new street."
    about.save()
    assert cache_state(client, "/about/") == "miss"
    assert "new street" in client.get("/about/").content.decode()
    assert cache_state(client, "/") == "hit"
    assert cache_state(client, older.get_absolute_url()) == "hit"
