"""Pages forget only what changed (core/dependencies.py): site settings reach
every page, pages that declare nothing are never stale, a change during a
render is never hidden, and each worker's copies obey the shared versions."""

from datetime import timedelta

import pytest
from django.core.cache import caches
from django.test import Client
from django.utils import timezone

from meridian.core import dependencies
from meridian.core.models import SiteSettings
from meridian.journal.dependencies import LISTINGS
from meridian.media.library import update_details
from tests.factories import PageFactory, PostFactory
from tests.helpers import cache_state, warm

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("rendered_fragments"),
]


@pytest.fixture
def client(settings):
    settings.PAGE_CACHE = True
    return Client()


@pytest.fixture
def pages(author):
    post = PostFactory(author=author, title="An article")
    PageFactory(slug="about", title="About the clinic")
    return ["/", post.get_absolute_url(), "/about/", "/feed/", "/privacy/"]


def test_a_site_settings_change_refreshes_every_page(client, pages):
    warm(client, *pages)
    site = SiteSettings.current()
    site.name = "Harbour Clinic"
    site.save()
    for url in pages:
        assert cache_state(client, url) == "miss", url
        assert "Harbour Clinic" in client.get(url).content.decode(), url


def test_a_page_that_declares_nothing_is_refreshed_by_any_change(client, pages):
    warm(client, "/privacy/", "/about/")
    dependencies.bump([LISTINGS])
    assert cache_state(client, "/privacy/") == "miss"  # declares nothing
    assert cache_state(client, "/about/") == "hit"


def test_a_change_committed_during_a_render_leaves_the_page_stale(client, author):
    post = PostFactory(author=author, title="Before")
    url = post.get_absolute_url()
    warm(client, url)
    dependencies.bump([LISTINGS])  # the stored copy is now stale
    recording = dependencies.Recording({f"post:{post.pk}", LISTINGS})
    dependencies.bump([LISTINGS])  # committed while a worker rendered
    with recording.recording():
        dependencies.depends_on(LISTINGS)
    assert not dependencies.is_current(recording.stored_versions())


def test_a_tag_first_declared_while_something_changed_is_not_trusted(db):
    recording = dependencies.Recording()
    dependencies.bump(["elsewhere"])
    with recording.recording():
        dependencies.depends_on("never-read-before")
    assert not dependencies.is_current(recording.stored_versions())
    quiet = dependencies.Recording()
    with quiet.recording():
        dependencies.depends_on("never-read-either")
    assert dependencies.is_current(quiet.stored_versions())


def test_a_workers_own_copy_obeys_a_change_made_by_another(client, author):
    post = PostFactory(author=author, title="Shared")
    warm(client, post.get_absolute_url())
    assert len(caches["local_pages"]._cache) >= 1
    # Another worker or app server bumps the tag in the shared cache only.
    dependencies.bump([f"post:{post.pk}"])
    assert cache_state(client, post.get_absolute_url()) == "miss"


def test_a_public_profile_change_refreshes_pages_that_show_people(client, author):
    post = PostFactory(author=author)
    PageFactory(slug="about")
    warm(client, post.get_absolute_url(), "/about/")
    author.display_name = "Dr Mei Lin"
    author.save()
    assert "Dr Mei Lin" in client.get(post.get_absolute_url()).content.decode()
    assert cache_state(client, "/about/") == "hit"


def test_a_password_change_keeps_the_pages_that_show_people(client, author):
    post = PostFactory(author=author)
    warm(client, post.get_absolute_url())
    author.set_password("a new and long passphrase")
    author.save()
    assert cache_state(client, post.get_absolute_url()) == "hit"


def test_an_image_change_refreshes_the_pages_that_show_it(
    client, author, library_image
):
    image = library_image(alt="A quiet treatment room")
    shown = PostFactory(author=author, featured_image=image)
    plain = PostFactory(author=author, published_at=timezone.now() - timedelta(days=9))
    warm(client, shown.get_absolute_url(), plain.get_absolute_url())
    update_details(image, alt="A bright treatment room", caption="", credit="")
    page = client.get(shown.get_absolute_url()).content.decode()
    assert "A bright treatment room" in page
    assert cache_state(client, plain.get_absolute_url()) == "hit"


class CacheSpy:
    """The shared cache, noting the keys written and read through it."""

    def __init__(self, real):
        self.real = real
        self.written: list[str] = []
        self.reads: list[list[str]] = []

    def set_many(self, values, **kwargs):
        self.written.extend(values)
        return self.real.set_many(values, **kwargs)

    def set(self, key, *args, **kwargs):
        self.written.append(key)
        return self.real.set(key, *args, **kwargs)

    def get_many(self, keys, **kwargs):
        self.reads.append(sorted(keys))
        return self.real.get_many(keys, **kwargs)

    def __getattr__(self, name):
        return getattr(self.real, name)


@pytest.fixture
def spy(monkeypatch):
    watched = CacheSpy(dependencies.cache)
    monkeypatch.setattr(dependencies, "cache", watched)
    return watched


def test_a_change_gives_everything_its_new_version_last(db, spy):
    """A worker trusts its copy while EVERYTHING is unchanged, so it moves last."""
    dependencies.bump(["post:1", "listings", dependencies.EVERYTHING])
    everything = dependencies.PREFIX + dependencies.EVERYTHING
    assert spy.written[-1] == everything
    assert spy.written.count(everything) == 1
    assert set(spy.written[:-1]) == {
        f"{dependencies.PREFIX}post:1",
        f"{dependencies.PREFIX}listings",
    }


def test_a_copy_kept_while_nothing_changed_costs_one_shared_read(client, author, spy):
    post = PostFactory(author=author, slug="quiet")
    other = PostFactory(author=author, slug="busy")
    assert client.get("/articles/quiet/")["X-Cache"] == "miss"
    assert client.get("/articles/quiet/")["X-Cache"] == "hit"
    spy.reads.clear()
    assert client.get("/articles/quiet/")["X-Cache"] == "hit"
    assert spy.reads == [[dependencies.PREFIX + dependencies.EVERYTHING]]
    # Another article's discussion changes (on another worker): the copy is
    # checked against its own tags, and kept.
    dependencies.bump([f"discussion:{other.pk}"])
    spy.reads.clear()
    assert client.get("/articles/quiet/")["X-Cache"] == "hit"
    assert len(spy.reads) == 2
    # Its own article changes: forgotten at once.
    post.title = "Quiet, renamed"
    post.save()
    response = client.get("/articles/quiet/")
    assert response["X-Cache"] == "miss"
    assert "Quiet, renamed" in response.content.decode()


def test_saving_a_draft_keeps_the_listings_cached_and_publishing_refreshes_them(
    client, author
):
    PostFactory(author=author, title="Out already")
    draft = PostFactory(
        author=author, title="Still writing", status="draft", published_at=None
    )
    warm(client, "/")
    draft.body = "More words, not public yet."
    draft.save()
    assert cache_state(client, "/") == "hit"
    draft.status = "published"
    draft.published_at = timezone.now() - timedelta(minutes=1)
    draft.save()
    response = client.get("/")
    assert response["X-Cache"] == "miss"
    assert "Still writing" in response.content.decode()


def test_saving_a_draft_page_keeps_pages_cached(client, author):
    PostFactory(author=author)
    draft = PageFactory(title="Prices", slug="prices", published=False)
    warm(client, "/")
    draft.body = "Soon."
    draft.save()
    assert cache_state(client, "/") == "hit"


def test_pages_checked_after_a_change_share_their_tags_reads(client, author, spy):
    first = PostFactory(author=author, slug="first")
    second = PostFactory(author=author, slug="second")
    warm(client, "/articles/first/", "/articles/second/")
    dependencies.bump(["elsewhere"])  # EVERYTHING moves; none of their tags
    spy.reads.clear()
    assert client.get("/articles/first/")["X-Cache"] == "hit"
    read_first = {key for keys in spy.reads for key in keys}
    assert f"{dependencies.PREFIX}post:{first.pk}" in read_first
    spy.reads.clear()
    assert client.get("/articles/second/")["X-Cache"] == "hit"
    read_second = {key for keys in spy.reads for key in keys}
    # Tags both pages show were read once since the change, by the first.
    assert f"{dependencies.PREFIX}{dependencies.SITE}" not in read_second
    assert f"{dependencies.PREFIX}post:{second.pk}" in read_second
    # And a change to one of them is still seen at once.
    dependencies.bump([f"post:{second.pk}"])
    assert client.get("/articles/second/")["X-Cache"] == "miss"
    assert client.get("/articles/first/")["X-Cache"] == "hit"


def test_kept_fragments_cost_one_shared_read_while_nothing_changed(
    author, spy, settings
):
    settings.PAGE_CACHE = False  # signed-in readers, search results, first views
    post = PostFactory(author=author, slug="quiet")
    reader = Client()
    reader.get("/articles/quiet/")
    reader.get("/articles/quiet/")
    spy.reads.clear()
    assert reader.get("/articles/quiet/").status_code == 200
    # EVERYTHING first; unchanged, so the article's six tags read before hold.
    assert spy.reads == [[dependencies.PREFIX + dependencies.EVERYTHING]]
    post.title = "Quiet, renamed"
    post.save()
    spy.reads.clear()
    assert "Quiet, renamed" in reader.get("/articles/quiet/").content.decode()
    assert len(spy.reads) > 1  # EVERYTHING moved: the tags are read again


def test_a_kept_value_found_current_is_trusted_until_everything_moves(monkeypatch):
    store = caches["template_fragments"]
    made, checks = [], []
    real_is_current = dependencies.is_current

    def counting_is_current(stored):
        checks.append(1)
        return real_is_current(stored)

    monkeypatch.setattr(dependencies, "is_current", counting_is_current)

    def make():
        dependencies.depends_on("post:7")
        made.append(1)
        return f"<article>{len(made)}</article>"

    def use():
        with dependencies.request_versions():
            return dependencies.kept(store, "fragment:test", make, timeout=60)[0]

    assert use() == "<article>1</article>"
    assert use() == "<article>1</article>"  # checked in full, then marked
    assert len(checks) == 1
    assert use() == "<article>1</article>"
    assert len(checks) == 1  # EVERYTHING unchanged: its tags are not compared
    dependencies.bump(["people"])  # an unrelated change: checked in full, kept
    assert use() == "<article>1</article>"
    assert len(checks) == 2
    dependencies.bump(["post:7"])  # its own: made again
    assert use() == "<article>2</article>"
    assert use() == "<article>2</article>"
    assert len(made) == 2
