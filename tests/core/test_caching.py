from datetime import timedelta

import pytest
import time_machine
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from meridian.core.caching import PAGE_TIMEOUT
from meridian.core.dependencies import PREFIX
from meridian.journal.dependencies import LISTINGS
from meridian.journal.publishing import publish_post
from tests.factories import PostFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_anonymous_pages_are_cached_and_a_publish_refreshes_them(settings, author):
    settings.PAGE_CACHE = True
    PostFactory(author=author, title="First article")
    client = Client()
    first = client.get("/")
    assert first["X-Cache"] == "miss"
    again = client.get("/")
    assert again["X-Cache"] == "hit"
    assert again.content == first.content
    # Security headers wrap cached pages too.
    assert "frame-ancestors 'none'" in again["Content-Security-Policy"]

    new = PostFactory.build(
        author=author, title="Second article", slug="second", status="draft"
    )
    new.save()
    publish_post(new)
    fresh = client.get("/")
    assert fresh["X-Cache"] == "miss"
    assert "Second article" in fresh.content.decode()


def test_a_cached_page_varies_on_the_cookie_like_the_page_first_rendered(
    settings, author
):
    settings.PAGE_CACHE = True
    PostFactory(author=author)
    client = Client()
    first = client.get("/")
    again = client.get("/")
    assert again["X-Cache"] == "hit"
    assert "Cookie" in again["Vary"]
    assert again["Vary"] == first["Vary"]


def test_a_reader_signing_out_sees_the_message_not_a_stored_page(
    settings, author, client
):
    settings.PAGE_CACHE = True
    PostFactory(author=author)
    Client().get("/")  # stored for anonymous readers
    client.force_login(author)
    client.post("/accounts/logout/")
    # A browser drops the expired session cookie; the test client keeps it empty.
    del client.cookies[settings.SESSION_COOKIE_NAME]
    page = client.get("/")
    assert "X-Cache" not in page
    assert "You have signed out." in page.content.decode()


def test_signed_in_readers_never_get_cached_pages(settings, author, client):
    settings.PAGE_CACHE = True
    PostFactory(author=author)
    client.force_login(author)
    client.get("/")
    assert "X-Cache" not in client.get("/")


def test_a_front_server_may_keep_anonymous_pages_for_one_second(settings, author):
    settings.PAGE_CACHE = True
    PostFactory(author=author)
    client = Client()
    assert client.get("/")["X-Accel-Expires"] == "1"  # stored now
    assert client.get("/")["X-Accel-Expires"] == "1"  # served from the cache


def test_a_front_server_never_keeps_pages_of_signed_in_readers(
    settings, author, client
):
    settings.PAGE_CACHE = True
    PostFactory(author=author)
    client.force_login(author)
    assert "X-Accel-Expires" not in client.get("/")


def test_a_front_server_keeps_nothing_when_the_page_cache_is_off(settings, author):
    settings.PAGE_CACHE = False
    PostFactory(author=author)
    assert "X-Accel-Expires" not in Client().get("/")


def test_a_lost_tag_version_never_brings_back_older_pages(settings, author):
    settings.PAGE_CACHE = True
    PostFactory(author=author, title="First article")
    cache.clear()  # a cache that starts empty
    client = Client()
    client.get("/")  # stored under the first version
    publish_post(PostFactory.build(author=author, title="Second article"))
    assert "Second article" in client.get("/").content.decode()
    cache.delete(PREFIX + LISTINGS)  # evicted, as a full file cache culls entries
    assert "Second article" in client.get("/").content.decode()


def test_pages_kept_in_a_worker_expire_with_the_shared_copy(settings, author):
    settings.PAGE_CACHE = True
    PostFactory(author=author)
    client = Client()
    client.get("/")
    assert client.get("/")["X-Cache"] == "hit"
    later = timezone.now() + timedelta(seconds=PAGE_TIMEOUT + 1)
    with time_machine.travel(later):
        assert client.get("/")["X-Cache"] == "miss"


def test_unknown_query_strings_are_answered_fresh_not_stored(settings, author):
    settings.PAGE_CACHE = True
    PostFactory(author=author)
    client = Client()
    for url in ["/?x=1", "/?page=1&x=2", "/?page=abc", "/?page=1&page=2"]:
        client.get(url)
        assert "X-Cache" not in client.get(url), url
    client.get("/?page=1")
    assert client.get("/?page=1")["X-Cache"] == "hit"


def test_tracking_parameters_share_the_page_without_them(settings, author):
    settings.PAGE_CACHE = True
    PostFactory(author=author, title="Shared in the newsletter")
    client = Client()
    plain = client.get("/")
    assert plain["X-Cache"] == "miss"
    for url in [
        "/?utm_source=newsletter&utm_medium=email",
        "/?fbclid=IwAR0abc",
        "/?gclid=xyz&mc_cid=1&ref=friend",
    ]:
        response = client.get(url)
        assert response["X-Cache"] == "hit", url
        assert response.content == plain.content
    # A page number still makes its own page, with or without tracking.
    assert client.get("/?page=1&utm_campaign=spring")["X-Cache"] == "miss"
    assert client.get("/?page=1")["X-Cache"] == "hit"
    # Unknown parameters beside tracking ones are still answered fresh.
    client.get("/?utm_source=x&x=1")
    assert "X-Cache" not in client.get("/?utm_source=x&x=1")


def test_signed_in_pages_are_private(author, client):
    PostFactory(author=author)
    client.force_login(author)
    assert "private" in client.get("/")["Cache-Control"]


def test_each_language_gets_its_own_cached_page(settings, author):
    settings.PAGE_CACHE = True
    settings.LANGUAGES = [("en", "English"), ("fr", "French")]
    PostFactory(author=author)
    client = Client()
    french = client.get("/", HTTP_ACCEPT_LANGUAGE="fr")
    assert french["Content-Language"] == "fr"
    assert "Accept-Language" in french["Vary"]
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="fr")["X-Cache"] == "hit"
    english = client.get("/", HTTP_ACCEPT_LANGUAGE="en")
    assert english["X-Cache"] == "miss"
    assert english["Content-Language"] == "en"
    assert '<html lang="en">' in english.content.decode()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    chosen = client.get("/", HTTP_ACCEPT_LANGUAGE="en")
    assert chosen["X-Cache"] == "hit"
    assert '<html lang="fr">' in chosen.content.decode()


def test_a_site_in_one_language_answers_in_it_whatever_the_browser_asks(
    settings, author
):
    # Nothing to choose: no Vary on Accept-Language, which would make a front
    # cache keep a copy of each page per browser language.
    settings.PAGE_CACHE = True
    assert settings.LANGUAGES == [("en", "English")]
    PostFactory(author=author)
    client = Client()
    for language in ("fr", "de-DE,de;q=0.9", None):
        headers = {"HTTP_ACCEPT_LANGUAGE": language} if language else {}
        response = client.get("/", **headers)
        assert response["Content-Language"] == "en", language
        assert "Accept-Language" not in response.get("Vary", ""), language
        assert '<html lang="en">' in response.content.decode(), language
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    assert client.get("/")["Content-Language"] == "en"


def test_a_host_not_allowed_is_refused_every_time_keys_or_not(settings, author):
    settings.PAGE_CACHE = True
    settings.ALLOWED_HOSTS = ["journal.example.org"]
    PostFactory(author=author)
    client = Client()
    assert client.get("/", HTTP_HOST="journal.example.org")["X-Cache"] == "miss"
    assert client.get("/", HTTP_HOST="journal.example.org")["X-Cache"] == "hit"
    for _ in range(2):
        assert client.get("/", HTTP_HOST="evil.example.net").status_code == 400
    # A key worked out under the old settings is not trusted under new ones.
    settings.ALLOWED_HOSTS = ["other.example.org"]
    assert client.get("/", HTTP_HOST="journal.example.org").status_code == 400


def test_the_same_address_with_another_query_string_is_another_page(settings, author):
    settings.PAGE_CACHE = True
    PostFactory.create_batch(12, author=author)
    client = Client()
    first = client.get("/")
    assert client.get("/")["X-Cache"] == "hit"
    second = client.get("/?page=2")
    assert second["X-Cache"] == "miss"
    assert second.content != first.content
    assert client.get("/?page=2")["X-Cache"] == "hit"


def test_paths_set_aside_in_settings_are_never_stored(settings, author):
    settings.PAGE_CACHE = True
    PostFactory(author=author)
    client = Client()
    assert client.get("/")["X-Cache"] == "miss"
    settings.PAGE_CACHE_SKIP_PREFIXES = ("/",)
    assert "X-Cache" not in client.get("/")


def test_a_page_another_worker_renders_is_waited_for_then_rendered_here(
    settings, author, monkeypatch, rf
):
    from meridian.core import caching

    settings.PAGE_CACHE = True
    monkeypatch.setattr(caching, "RENDER_WAIT_SECONDS", 0.2)
    PostFactory(author=author)
    lock = caching._key(rf.get("/", HTTP_HOST="testserver")) + ":rendering"
    cache.add(lock, 1, 60)  # a worker that died while rendering
    response = Client().get("/")
    assert response.status_code == 200
    assert response["X-Cache"] == "miss"
    assert cache.get(lock) == 1  # not ours to release
    cache.delete(lock)
    assert Client().get("/")["X-Cache"] == "hit"


@pytest.mark.urls("tests.core.nonce_urls")
def test_a_page_with_a_csp_nonce_is_never_stored(settings):
    settings.PAGE_CACHE = True
    client = Client()
    first = client.get("/nonce/")
    again = client.get("/nonce/")
    assert first.status_code == again.status_code == 200
    assert "X-Cache" not in again
    assert again.content != first.content  # a fresh nonce each time
    assert client.get("/")["X-Cache"] == "miss"  # other pages are still stored


def test_a_page_past_its_deadline_is_served_while_another_request_renders_it(
    settings, author, rf
):
    from meridian.core import caching

    settings.PAGE_CACHE = True
    post = PostFactory(author=author, title="Kept")
    client = Client()
    client.get("/")
    assert client.get("/")["X-Cache"] == "hit"
    lock = caching._key(rf.get("/", HTTP_HOST="testserver")) + ":rendering"
    later = timezone.now() + timedelta(seconds=PAGE_TIMEOUT + 1)
    with time_machine.travel(later):
        cache.add(lock, 1, 60)  # another worker renders it again meanwhile
        served = client.get("/")
        assert served["X-Cache"] == "hit"
        assert "Kept" in served.content.decode()
        # A change is never served from the old copy, deadline or not.
        post.title = "Changed"
        post.save()
        assert "Changed" in client.get("/").content.decode()
        cache.delete(lock)


def test_a_page_past_its_deadline_is_rendered_by_the_first_request_after(
    settings, author
):
    settings.PAGE_CACHE = True
    PostFactory(author=author)
    client = Client()
    client.get("/")
    later = timezone.now() + timedelta(seconds=PAGE_TIMEOUT + 1)
    with time_machine.travel(later):
        assert client.get("/")["X-Cache"] == "miss"
        assert client.get("/")["X-Cache"] == "hit"
