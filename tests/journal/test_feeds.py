from html.parser import HTMLParser
from xml.etree import ElementTree

import feedparser
import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("suffix", ["feed/", "feed/atom/"])
@pytest.mark.parametrize(
    "prefix", ["/", "/category/treatments/", "/tag/sleep/", "AUTHOR"]
)
def test_feeds_carry_full_content_and_absolute_links(
    client, post, settings, prefix, suffix
):
    if prefix == "AUTHOR":
        prefix = f"/author/{post.author.username}/"
    response = client.get(prefix + suffix)
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    assert len(feed.entries) == 1
    entry = feed.entries[0]
    assert entry.title == "Needles, explained"
    assert entry.link == settings.SITE_URL + post.get_absolute_url()
    assert entry.published_parsed[:5] == post.published_at.utctimetuple()[:5]
    assert "A paragraph about acupuncture." in entry.content[0].value
    assert entry.author == post.author.public_name


def test_index_advertises_its_feeds(client, post):
    html = client.get("/").content.decode()
    assert 'type="application/rss+xml"' in html
    assert 'type="application/atom+xml"' in html
    assert "Subscribe by RSS" not in html  # the footer links them already


def test_an_archive_offers_its_own_feeds_beside_the_sites(client, post):
    html = client.get("/category/treatments/").content.decode()
    assert 'href="/category/treatments/feed/"' in html
    assert "Subscribe by RSS" in html
    assert 'href="/feed/"' in html


def test_feed_of_unknown_category_is_404(client):
    assert client.get("/category/nope/feed/").status_code == 404


@pytest.mark.parametrize("url", ["/feed/", "/feed/atom/", "COMMENTS", "COMMENTS_ATOM"])
def test_text_pasted_from_a_word_processor_never_breaks_a_feed(client, post, url):
    """A vertical tab (Word's line break) is not XML 1.0; the feed drops it."""
    post.title = "Needles,\x0bexplained"
    post.body = "Line one\x0bline two.\x0c"
    post.save()
    url = {
        "COMMENTS": f"{post.get_absolute_url()}comments/feed/",
        "COMMENTS_ATOM": f"{post.get_absolute_url()}comments/feed/atom/",
    }.get(url, url)
    response = client.get(url)
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    if feed.entries:
        assert feed.entries[0].title == "Needles,explained"
    else:
        assert "Needles,explained" in feed.feed.title


HOSTILE = '<img src=x onerror="alert(1)"><script>alert(2)</script>'
# Elements whose text a feed reader shows as HTML.
HTML_ELEMENTS = {
    "description",
    "{http://purl.org/rss/1.0/modules/content/}encoded",
    "{http://www.w3.org/2005/Atom}summary",
    "{http://www.w3.org/2005/Atom}content",
}


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found: list[tuple[str, list]] = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, attrs))


def markup_in(html: str) -> list[tuple[str, list]]:
    parser = _Tags()
    parser.feed(html)
    return parser.found


@pytest.mark.parametrize("suffix", ["feed/", "feed/atom/"])
@pytest.mark.parametrize(
    "prefix", ["/", "/category/treatments/", "/tag/sleep/", "AUTHOR", "COMMENTS"]
)
def test_no_field_of_any_feed_carries_markup_a_reader_would_run(
    client, post, prefix, suffix
):
    from meridian.comments.models import Comment
    from tests.helpers import configure_site

    configure_site(name=f"Clinic {HOSTILE}", tagline=f"Calm {HOSTILE}")
    post.title = f"Needles {HOSTILE}"
    post.summary = f"What to expect {HOSTILE}"
    post.body = f"Body text {HOSTILE}"
    post.save()
    post.author.display_name = f"Mei {HOSTILE}"
    post.author.save()
    post.category.name = f"Treatments {HOSTILE}"
    post.category.save()
    Comment.objects.create(
        post=post,
        guest_name=f"Guest {HOSTILE}",
        guest_email="guest@example.org",
        body=f"Hello {HOSTILE}",
        status=Comment.Status.APPROVED,
    )
    url = {
        "AUTHOR": f"/author/{post.author.username}/",
        "COMMENTS": f"{post.get_absolute_url()}comments/",
    }.get(prefix, prefix) + suffix
    response = client.get(url)
    assert response.status_code == 200
    root = ElementTree.fromstring(response.content)
    html_fields = []
    for element in root.iter():
        text = element.text or ""
        if element.tag in HTML_ELEMENTS or element.get("type") == "html":
            html_fields.append(text)
            for tag, attrs in markup_in(text):
                assert tag not in ("img", "script"), (element.tag, text)
                assert not any(name.startswith("on") for name, _ in attrs)
        else:
            # A text field is XML-escaped text: the parser gives it back whole.
            assert "onerror" not in text or HOSTILE in text, (element.tag, text)
    assert html_fields
    if prefix != "COMMENTS":
        # Escaped as text, the summary still reads as the person typed it.
        assert any("What to expect &lt;img" in text for text in html_fields)
