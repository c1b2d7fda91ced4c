"""The layout's rendered parts (base.html's {% sitewide_fragment %}s) never outlive
what they show: the site's settings, the reader's place in the navigation, the
year; signed-in readers never get the guests' panel.

Transactional tests with rendered fragments kept and the page cache off, as for
signed-in readers and first views: a change is seen once it commits.
"""

import re
from datetime import UTC, datetime

import pytest
import time_machine
from django.test import Client

from meridian.core import dependencies
from meridian.core.models import SiteSettings
from meridian.journal.dependencies import LISTINGS
from tests.factories import PageFactory, PostFactory, UserFactory
from tests.helpers import cache_state, warm

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("rendered_fragments"),
]


@pytest.fixture
def urls(author):
    post = PostFactory(author=author, title="An article")
    PageFactory(slug="about", title="About the clinic")
    return ["/", post.get_absolute_url(), "/about/", "/privacy/"]


def _page(url: str, client=None) -> str:
    response = (client or Client()).get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_a_site_settings_change_refreshes_the_layout_of_every_page(urls):
    for url in urls:
        _page(url)  # every layout part rendered and kept
    site = SiteSettings.current()
    site.name = "Harbour Clinic"
    site.navigation = "Home=/\nVisiting us=/about/"
    site.footer_text = "Open Monday to Friday."
    site.save()
    for url in urls:
        page = _page(url)
        assert '<span class="site-brand__name">Harbour Clinic</span>' in page, url
        assert 'title="Harbour Clinic (RSS)"' in page, url  # the head's part
        assert ">Visiting us</a>" in page, url
        assert "<p>Open Monday to Friday.</p>" in page, url
        assert f"© {datetime.now(UTC).year} Harbour Clinic" in page, url


def test_only_the_page_the_navigation_links_to_is_marked_current(urls):
    site = SiteSettings.current()
    site.navigation = "Home=/\nAbout=/about/"
    site.save()
    assert '<a href="/about/" aria-current="page">About</a>' in _page("/about/")
    for url in ("/", urls[1], "/privacy/"):
        page = _page(url)
        assert '<a href="/about/">About</a>' in page, url
    assert '<a href="/" aria-current="page">Home</a>' in _page("/")
    assert '<a href="/" aria-current="page">' not in _page("/about/")


def test_the_year_in_the_footer_turns_with_the_clock(urls):
    with time_machine.travel(datetime(2030, 12, 31, 23, 59, 50, tzinfo=UTC)):
        assert "© 2030 " in _page("/about/")
    with time_machine.travel(datetime(2031, 1, 1, 0, 0, 5, tzinfo=UTC)):
        page = _page("/about/")
    assert "© 2031 " in page
    assert "© 2030 " not in page


def test_the_year_in_the_footer_is_the_sites_local_year(settings, urls):
    settings.TIME_ZONE = "Pacific/Auckland"  # UTC+13 in December
    with time_machine.travel(datetime(2030, 12, 31, 11, 30, tzinfo=UTC)):
        page = _page("/about/")
    assert "© 2031 " in page


def test_signed_in_readers_get_their_own_panel_never_the_guests(urls):
    guest = _page("/about/")  # the guests' panel is kept now
    assert "Login to your account" in guest
    person = UserFactory(display_name="Ada Reader")
    client = Client()
    client.force_login(person)
    own = _page("/about/", client)
    assert "Signed in as <strong>Ada Reader</strong>" in own
    assert "Login to your account" not in own
    assert "Signed in as" not in _page("/about/")


def test_the_search_box_shows_the_words_searched_only_on_the_results(urls):
    _page("/about/")
    results = _page("/search/?q=needles")
    assert 'name="q" value="needles"' in results
    assert 'value="needles"' not in _page("/about/")


def test_pages_that_declare_nothing_still_depend_on_every_change(settings, urls):
    """The layout's parts show only the site's settings: on a hit they declare
    nothing of the page's own, so such a page is still refreshed by any change."""
    settings.PAGE_CACHE = True
    client = Client()
    warm(client, "/privacy/", "/about/")  # the layout parts are kept too
    dependencies.bump([LISTINGS])
    assert cache_state(client, "/privacy/") == "miss"
    assert cache_state(client, "/about/") == "hit"


def test_no_template_switches_language_or_time_zone_inside_a_page():
    # A fragment's key takes the page's language and time zone once per
    # request (core/templatetags/fragments.py): a switch inside a page would
    # keep a fragment under another language's key.
    from pathlib import Path

    import meridian

    root = Path(meridian.__file__).parent
    switching = [
        str(template.relative_to(root))
        for template in root.rglob("*.html")
        if re.search(r"{%\s*(language|timezone)\b", template.read_text())
    ]
    assert switching == []


def test_no_kept_part_holds_a_block():
    # A kept part is shared by every page that shows it: a page's own block
    # inside one would be kept for every page. {% extends %} therefore does
    # not walk into kept parts for the layout's blocks (FragmentNode).
    from pathlib import Path

    from django.template import engines
    from django.template.loader_tags import BlockNode

    import meridian
    from meridian.core.templatetags.fragments import FragmentNode

    def nodes(nodelist, inside=False):
        for node in nodelist:
            yield node, inside
            for attribute in ("nodelist", *node.child_nodelists):
                for child in [getattr(node, attribute, None) or []]:
                    yield from nodes(child, inside or isinstance(node, FragmentNode))

    assert FragmentNode.child_nodelists == ()
    engine = engines["django"].engine
    root = Path(meridian.__file__).parent
    holding = []
    for path in root.rglob("templates/**/*.html"):
        name = str(path).split("/templates/", 1)[1]
        template = engine.get_template(name)
        holding += [
            f"{name}: {node.name}"
            for node, inside in nodes(template.nodelist)
            if inside and isinstance(node, BlockNode)
        ]
    assert holding == []
