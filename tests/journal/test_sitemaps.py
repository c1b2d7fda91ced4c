import xml.etree.ElementTree as ET

import pytest

from meridian.journal.models import Post
from tests.factories import PageFactory, PostFactory

pytestmark = pytest.mark.django_db
NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def test_sitemap_lists_public_articles_and_pages_with_absolute_urls(
    client, post, settings
):
    PageFactory()
    PostFactory(title="Hidden", slug="hidden", status=Post.Status.DRAFT)
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    locations = [
        el.text for el in ET.fromstring(response.content).findall("sm:url/sm:loc", NS)
    ]
    assert settings.SITE_URL + post.get_absolute_url() in locations
    assert settings.SITE_URL + "/about/" in locations
    assert not any("hidden" in loc for loc in locations)


def test_robots_txt_points_at_the_sitemap(client, settings):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    assert f"Sitemap: {settings.SITE_URL}/sitemap.xml" in response.content.decode()
