"""The article's rendered fragment never outlives what it shows.

Transactional tests: pages and fragments are forgotten when a change commits.
"""

from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from meridian.core.models import SiteSettings
from tests.factories import PostFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("rendered_fragments"),
]


def _article(post) -> str:
    response = Client().get(post.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def test_an_edit_shows_at_once(post):
    assert "Needles, explained" in _article(post)
    post.title = "Needles, explained again"
    post.body = "A new paragraph about moxibustion."
    post.save()
    page = _article(post)
    assert '<h1 class="article__title">Needles, explained again</h1>' in page
    assert '<meta property="og:title" content="Needles, explained again">' in page
    assert "moxibustion" in page


def test_the_authors_new_name_and_credentials_show_at_once(post, author):
    assert "Mei Lin" in _article(post)
    author.display_name = "Mei Lin-Okafor"
    author.credentials = "L.Ac., MSc"
    author.save(update_fields=["display_name", "credentials"])
    page = _article(post)
    assert 'rel="author">Mei Lin-Okafor</a>' in page
    assert '<span class="byline__credentials">L.Ac., MSc</span>' in page
    assert '"honorificSuffix": "L.Ac., MSc"' in page  # JSON-LD in the head


def _asks_for_tags(post) -> bool:
    with CaptureQueriesContext(connection) as queries:
        _article(post)
    return any("journal_post_tags" in query["sql"] for query in queries)


def test_a_sign_in_keeps_the_rendered_article(post, author):
    assert _asks_for_tags(post)  # rendered
    assert not _asks_for_tags(post)  # from the fragment
    author.save(update_fields=["last_login"])
    assert not _asks_for_tags(post)
    author.save(update_fields=["bio"])  # saved, but the same: nothing to redo
    assert not _asks_for_tags(post)
    author.bio = "Acupuncturist since 2009."
    author.save(update_fields=["bio"])
    assert _asks_for_tags(post)


def test_site_disclaimer_and_tag_renames_show_at_once(post, tag):
    assert "Sleep" in _article(post)
    site = SiteSettings.current()
    site.medical_disclaimer = "Call the clinic before changing any treatment."
    site.save()
    tag.name = "Rest and sleep"
    tag.save()
    page = _article(post)
    assert "Call the clinic before changing any treatment." in page
    assert "Rest and sleep" in page


def test_a_new_article_appears_among_its_neighbours(post, author, category, tag):
    assert "Related reading" not in _article(post)
    newer = PostFactory(author=author, category=category, title="Cupping, explained")
    newer.tags.add(tag)
    page = _article(post)
    assert "Cupping, explained" in page
    assert 'rel="next"' in page


def test_listings_show_a_new_article_at_once_and_keep_their_pages_apart(
    author, category
):
    site = SiteSettings.current()
    site.posts_per_page = 2
    site.save()
    for number in range(3):
        PostFactory(
            author=author,
            category=category,
            title=f"Note {number}",
            published_at=timezone.now() - timedelta(days=number + 1),
        )
    client = Client()
    first = client.get("/").content.decode()
    second = client.get("/?page=2").content.decode()
    assert "Note 0" in first
    assert "Note 2" not in first
    assert "Note 2" in second
    assert "Note 0" not in second
    PostFactory(author=author, category=category, title="Fresh from the clinic")
    assert "Fresh from the clinic" in client.get("/").content.decode()
    listing = client.get(f"/category/{category.slug}/").content.decode()
    assert "Fresh from the clinic" in listing


def test_dates_follow_the_time_zone_they_are_shown_in(post):
    with timezone.override("UTC"):
        utc = _article(post)
    with timezone.override("Pacific/Kiritimati"):  # UTC+14: another day, always
        later = _article(post)
    assert utc != later
