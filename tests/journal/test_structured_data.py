import json
import re

import pytest
from django.utils import timezone

pytestmark = pytest.mark.django_db


def _jsonld(html: str) -> dict:
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert match, "no JSON-LD block"
    return json.loads(match.group(1))


def test_article_is_a_blog_posting(client, post, settings):
    data = _jsonld(client.get(post.get_absolute_url()).content.decode())
    assert data["@type"] == "BlogPosting"
    assert data["headline"] == "Needles, explained"
    assert data["author"]["name"] == "Mei Lin"
    assert data["url"] == settings.SITE_URL + post.get_absolute_url()
    assert data["datePublished"] == post.published_at.isoformat()


def test_reviewed_article_is_a_medical_web_page(client, post):
    post.reviewed_by = "Dr. Ana Ruiz, MD"
    post.last_reviewed = timezone.now().date()
    post.save()
    data = _jsonld(client.get(post.get_absolute_url()).content.decode())
    assert "MedicalWebPage" in data["@type"]
    assert data["reviewedBy"]["name"] == "Dr. Ana Ruiz, MD"
    assert data["lastReviewed"] == post.last_reviewed.isoformat()


def test_jsonld_cannot_close_its_script_tag(client, post):
    post.title = "</script><script>alert(1)</script>"
    post.save()
    html = client.get(post.get_absolute_url()).content.decode()
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert "<script>alert" not in block.group(1)
    assert _jsonld(html)["headline"] == post.title


def test_article_has_canonical_and_social_meta(client, post, settings):
    html = client.get(post.get_absolute_url()).content.decode()
    assert (
        f'<link rel="canonical" href="{settings.SITE_URL}{post.get_absolute_url()}">'
        in html
    )
    assert 'property="og:title" content="Needles, explained"' in html
    assert 'name="twitter:card"' in html
