from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from meridian.core.models import SiteSettings
from meridian.journal.models import Post
from tests.factories import PageFactory, PostFactory, TagFactory, UserFactory
from tests.helpers import configure_site

pytestmark = pytest.mark.django_db


def test_index_lists_published_articles_newest_first(client, author):
    older = PostFactory(
        title="Older piece",
        author=author,
        published_at=timezone.now() - timedelta(days=5),
    )
    newer = PostFactory(title="Newer piece", author=author)
    html = client.get("/").content.decode()
    assert html.index(newer.title) < html.index(older.title)
    assert "Mei Lin" in html
    assert "Blog &amp; Journal" in html


def test_index_entry_shows_excerpt_category_and_comment_count(client, post):
    html = client.get("/").content.decode()
    assert "A paragraph about acupuncture." in html
    assert 'href="/category/treatments/"' in html
    assert "0 comments" in html


def test_drafts_and_future_articles_are_invisible_everywhere(
    client, author, category, tag
):
    draft = PostFactory(
        title="Secret draft", author=author, category=category, status=Post.Status.DRAFT
    )
    future = PostFactory(
        title="Tomorrow's news",
        author=author,
        category=category,
        published_at=timezone.now() + timedelta(days=1),
    )
    draft.tags.add(tag)
    future.tags.add(tag)
    month = timezone.now().strftime("/%Y/%m/")
    for url in [
        "/",
        "/category/treatments/",
        "/tag/sleep/",
        f"/author/{author.username}/",
        month,
        "/feed/",
        "/feed/atom/",
        "/sitemap.xml",
    ]:
        body = client.get(url).content.decode()
        assert "Secret draft" not in body, url
        assert "Tomorrow" not in body, url
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(future.get_absolute_url()).status_code == 404


def test_editors_preview_drafts_and_scheduled_articles_at_their_address(
    client, author, tag
):
    configure_site(staff_require_2fa=False)  # enrolment is tested with accounts
    draft = PostFactory(
        title="Secret draft",
        author=author,
        status=Post.Status.DRAFT,
        published_at=None,
        body="A *draft* body.",
    )
    draft.tags.add(tag)
    future = PostFactory(
        title="Tomorrow's news",
        author=author,
        published_at=timezone.now() + timedelta(days=1),
    )
    reader = UserFactory()
    client.force_login(reader)
    assert client.get(draft.get_absolute_url()).status_code == 404
    client.force_login(UserFactory(is_staff=True))  # staff, but no journal rights
    assert client.get(draft.get_absolute_url()).status_code == 404

    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    preview = client.get(draft.get_absolute_url())
    assert preview.status_code == 200
    assert preview["X-Robots-Tag"] == "noindex"
    html = preview.content.decode()
    assert "Preview of a draft: readers cannot see this article." in html
    assert "A <em>draft</em> body." in html
    assert "Comments are closed on this article." in html
    scheduled = client.get(future.get_absolute_url())
    assert "Preview: readers will see this article from" in scheduled.content.decode()
    published = client.get(PostFactory(author=author).get_absolute_url())
    assert "Preview" not in published.content.decode()
    assert "X-Robots-Tag" not in published


def test_editors_preview_unpublished_pages(client):
    configure_site(staff_require_2fa=False)
    page = PageFactory(slug="fees", title="Fees", body="Soon.", published=False)
    assert client.get("/fees/").status_code == 404
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    preview = client.get(page.get_absolute_url())
    assert preview.status_code == 200
    assert preview["X-Robots-Tag"] == "noindex"
    assert "readers cannot see it" in preview.content.decode()


def test_a_short_article_has_no_table_of_contents(client, post):
    post.body = "## Why\n\nBecause.\n\n## How\n\nGently."
    post.save()
    html = client.get(post.get_absolute_url()).content.decode()
    assert 'id="why"' in html
    assert "In this article" not in html


def test_article_page_shows_what_a_reader_expects(client, post, settings):
    post.body = (
        "# Intro\n\n## Why\n\ntext[^1]\n\n## How\n\n1. one\n2. two\n\n"
        "## When\n\n[^1]: A note."
    )
    post.reviewed_by = "Dr. Ana Ruiz, MD"
    post.last_reviewed = timezone.now().date()
    post.sources = (
        "A trial of needles | https://example.org/trial\nA textbook without a link"
    )
    post.save()
    response = client.get(post.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert '<h1 class="article__title">Needles, explained</h1>' in html
    assert 'rel="author"' in html
    assert "L.Ac., Dipl. OM" in html
    assert (
        f'<time datetime="{post.published_at.isoformat()}' in html
        or "<time datetime=" in html
    )
    assert "min read" in html
    assert "Medically reviewed by Dr. Ana Ruiz, MD" in html
    assert 'href="https://example.org/trial"' in html
    assert "A textbook without a link" in html
    assert "not a substitute for advice" in html  # the site's disclaimer
    assert "In this article" in html  # table of contents for a long article
    assert 'href="/tag/sleep/"' in html
    assert "Leave a Comment" in html
    assert "Login to your account" in html


def test_the_search_engine_title_and_description_reach_the_page(client, post):
    site = SiteSettings.current().name
    html = client.get(post.get_absolute_url()).content.decode()
    assert f"<title>Needles, explained · {site}</title>" in html
    post.seo_title = "Do acupuncture needles hurt?"
    post.seo_description = "What a first session feels like, from a practitioner."
    post.save()
    html = client.get(post.get_absolute_url()).content.decode()
    assert f"<title>Do acupuncture needles hurt? · {site}</title>" in html
    description = "What a first session feels like, from a practitioner."
    assert f'<meta name="description" content="{description}">' in html
    assert f'<meta property="og:description" content="{description}">' in html
    assert '<h1 class="article__title">Needles, explained</h1>' in html


def test_article_neighbours_and_related(client, author, category):
    first = PostFactory(
        author=author,
        category=category,
        title="First one",
        published_at=timezone.now() - timedelta(days=3),
    )
    middle = PostFactory(
        author=author,
        category=category,
        title="Middle one",
        published_at=timezone.now() - timedelta(days=2),
    )
    last = PostFactory(
        author=author,
        category=category,
        title="Last one",
        published_at=timezone.now() - timedelta(days=1),
    )
    html = client.get(middle.get_absolute_url()).content.decode()
    assert f'href="{first.get_absolute_url()}" rel="prev"' in html
    assert f'href="{last.get_absolute_url()}" rel="next"' in html
    assert "Related reading" in html


@pytest.mark.parametrize(
    "url",
    ["/category/treatments/", "/tag/sleep/", "/about/"],
)
def test_archives_and_pages_render(client, post, url):
    PageFactory()
    assert client.get(url).status_code == 200


def test_author_and_month_archives(client, post):
    response = client.get(f"/author/{post.author.username}/")
    assert "Needles, explained" in response.content.decode()
    month = post.published_at.strftime("/%Y/%m/")
    assert "Needles, explained" in client.get(month).content.decode()


def test_author_without_articles_is_not_found(client):
    reader = UserFactory()
    assert client.get(f"/author/{reader.username}/").status_code == 404


def test_pagination(client, author, settings):
    PostFactory.create_batch(12, author=author)
    first = client.get("/").content.decode()
    assert "Page 1 of 2" in first
    assert 'href="?page=2"' in first
    assert client.get("/?page=2").status_code == 200


@pytest.mark.parametrize(
    "url",
    [
        "/?page=abc",
        "/?page=99",
        "/?page=0",
        "/?page=-1",
        "/articles/no-such-article/",
        "/category/nope/",
        "/tag/nope/",
        "/author/nobody/",
        "/2024/13/",
        "/0000/01/",
        "/no-such-page/",
        "/articles/" + "x" * 500 + "/",
    ],
)
def test_bad_addresses_get_the_sites_own_404(client, post, url):
    response = client.get(url)
    assert response.status_code == 404
    assert "We couldn’t find that page" in response.content.decode()


def test_overlong_and_undecodable_paths_are_rejected_cleanly(client):
    assert client.get("/" + "a" * 5000).status_code == 400
    response = client.get("/%ff%fe/")
    assert response.status_code == 404


def test_unicode_slug_works(client, author):
    post = PostFactory(author=author, title="Café notes", slug="café-notes")
    assert client.get(post.get_absolute_url()).status_code == 200


def _count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("items", [1, 50])
def test_reader_pages_run_a_bounded_number_of_queries(client, author, category, items):
    tags = [TagFactory() for _ in range(5)]
    posts = PostFactory.create_batch(items, author=author, category=category)
    for post in posts:
        post.tags.set(tags)
    client.get("/")  # warm the site-settings cache, as a running site has it
    target = posts[len(posts) // 2]
    for url in [
        "/",
        "/?page=2" if items > 10 else "/",
        target.get_absolute_url(),
        "/category/" + category.slug + "/",
        f"/tag/{tags[0].slug}/",
        f"/author/{author.username}/",
    ]:
        assert _count_queries(client, url) <= 8, url


@pytest.mark.parametrize(
    "url",
    [
        "/9999/12/",
        "/1899/12/",
        "/%ff%fe/",
        "/articles/%ff%fe/",
        "/tag/%c0%af/",
        "/author/%ff/feed/",
        "/?page=1.5",
        "/?page=99999999999999999999999",
        "/?page=1&page=2",
        "/category/treatments/?page=9",
    ],
)
def test_more_bad_addresses_get_the_sites_own_404(client, post, url):
    response = client.get(url)
    assert response.status_code == 404
    assert "We couldn’t find that page" in response.content.decode()


def test_last_month_before_the_calendar_ends_is_an_empty_archive(client, post):
    response = client.get("/9998/12/")
    assert response.status_code == 200
    assert "No articles here yet." in response.content.decode()


@pytest.mark.parametrize("query", ["?%ff=%fe", "?a=%", "?=&&==", "?page[]=1", "?page="])
def test_odd_query_strings_are_ignored(client, post, query):
    response = client.get("/" + query)
    assert response.status_code == 200
    assert "Needles, explained" in response.content.decode()


def test_head_requests_answer_like_get_without_a_body(client, post):
    for url in ("/", post.get_absolute_url(), "/category/treatments/"):
        response = client.head(url)
        assert response.status_code == 200
        assert response.content == b""
    assert client.head("/articles/nope/").status_code == 404


def test_article_page_fits_the_weight_budget_without_blocking_scripts(client, post):
    """DESIGN §6: HTML + CSS ≤ 30 KB compressed; no render-blocking script."""
    import gzip
    import re
    from pathlib import Path

    from django.contrib.staticfiles import finders

    post.body = "\n\n".join(
        f"## Part {n}\n\n" + "A calm sentence. " * 60 for n in range(12)
    )
    post.save()
    html = client.get(post.get_absolute_url()).content
    stylesheets = re.findall(rb'<link rel="stylesheet" href="/static/([^"]+)"', html)
    assert stylesheets
    css = b"".join(
        Path(finders.find(name.decode())).read_bytes() for name in stylesheets
    )
    assert len(gzip.compress(html, 9)) + len(gzip.compress(css, 9)) <= 30 * 1024
    for tag in re.findall(rb"<script\b[^>]*>", html):
        assert b"application/ld+json" in tag or re.search(rb"\b(defer|async)\b", tag)


def test_index_introduces_the_journal_with_the_sites_tagline(client, post):

    tagline = SiteSettings.current().tagline
    assert tagline
    lede = f'<p class="page-header__lede">{tagline}</p>'
    assert lede in client.get("/").content.decode()
    month = post.published_at.strftime("/%Y/%m/")
    assert lede not in client.get(month).content.decode()


def test_an_author_with_only_drafts_has_no_public_page(client, author):
    PostFactory(author=author, status=Post.Status.DRAFT)
    assert client.get(f"/author/{author.username}/").status_code == 404
    assert client.get(f"/author/{author.username}/feed/").status_code == 404


def _counts_asked(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return sum("COUNT(" in query["sql"] for query in queries)


@pytest.mark.usefixtures("rendered_fragments")
def test_listing_counts_are_kept_until_the_listings_change(author, category):
    """A listing served from kept parts asks nothing; publishing counts again."""
    configure_site(posts_per_page=2)
    PostFactory.create_batch(2, author=author, category=category)
    reader = Client()
    archive = f"/category/{category.slug}/"
    for url in ("/", archive):
        reader.get(url)
        assert _counts_asked(reader, url) == 0, url
        assert reader.get(url + "?page=2").status_code == 404, url
    assert _count_queries(reader, "/") == 0  # the archive looks its category up
    # Saving a draft changes no listing: still nothing counted.
    PostFactory(author=author, category=category, status="draft", published_at=None)
    assert _counts_asked(reader, "/") == 0
    # Publishing is counted at once: the second page exists, on every listing.
    PostFactory(author=author, category=category, title="Third one")
    for url in ("/", archive):
        assert "Page 1 of 2" in reader.get(url).content.decode(), url
        assert "Third one" not in reader.get(url + "?page=2").content.decode(), url
        assert reader.get(url + "?page=2").status_code == 200, url
