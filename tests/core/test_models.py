"""Site settings: one row, read once per request, forgotten once a change commits."""

import contextlib
import contextvars

import pytest
from django.core.cache import cache
from django.db import transaction
from django.test import Client

from meridian.core.models import (
    CACHE_KEY,
    SiteSettings,
    end_request_memo,
    start_request_memo,
)
from tests.factories import PostFactory

pytestmark = pytest.mark.django_db


@contextlib.contextmanager
def _shared_reads():
    """Yield the keys read from the shared cache meanwhile."""
    reads: list[str] = []
    real_get = cache.get

    def counting_get(key, *args, **kwargs):
        reads.append(key)
        return real_get(key, *args, **kwargs)

    cache.get = counting_get
    try:
        yield reads
    finally:
        del cache.get


def test_site_settings_are_read_once_per_request_and_fresh_after_it(author):
    post = PostFactory(author=author)
    client = Client()
    SiteSettings.current()
    with _shared_reads() as reads:
        assert client.get(post.get_absolute_url()).status_code == 200
    assert reads.count(CACHE_KEY) == 1
    # Outside a request nothing is remembered: a change elsewhere shows at once.
    SiteSettings.objects.filter(pk=1).update(name="Renamed clinic")
    cache.delete(CACHE_KEY)
    assert SiteSettings.current().name == "Renamed clinic"
    assert "Renamed clinic" in client.get(post.get_absolute_url()).content.decode()


def test_each_request_has_its_own_memo_even_on_a_shared_thread():
    # Under ASGI one thread serves many requests: each runs in its own context.
    first, second = contextvars.Context(), contextvars.Context()
    first.run(start_request_memo)
    seen = first.run(SiteSettings.current)
    SiteSettings.objects.filter(pk=1).update(name="Renamed clinic")
    cache.delete(CACHE_KEY)
    second.run(start_request_memo)
    assert second.run(SiteSettings.current).name == "Renamed clinic"
    assert first.run(SiteSettings.current) is seen
    second.run(end_request_memo)
    first.run(end_request_memo)


def test_a_saved_change_is_read_once_it_commits(django_capture_on_commit_callbacks):
    SiteSettings.current()
    site = SiteSettings.objects.get(pk=1)
    site.name = "Renamed clinic"
    with django_capture_on_commit_callbacks() as callbacks:
        site.save()
        # Until the commit, other requests keep the settings they can trust.
        assert SiteSettings.current().name != "Renamed clinic"
    for callback in callbacks:
        callback()
    assert SiteSettings.current().name == "Renamed clinic"


def test_a_change_rolled_back_never_reaches_the_shared_cache():
    kept = SiteSettings.current().name
    site = SiteSettings.objects.get(pk=1)
    site.name = "Never committed"

    def save_then_fail():
        with transaction.atomic():
            site.save()
            SiteSettings.current()  # e.g. the admin's response, before the commit
            raise RuntimeError

    with pytest.raises(RuntimeError):
        save_then_fail()
    assert SiteSettings.current().name == kept


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("rendered_fragments")
def test_in_requests_the_worker_keeps_its_own_copy_until_a_change_commits(author):
    post = PostFactory(author=author)
    client = Client()
    assert client.get(post.get_absolute_url()).status_code == 200
    with _shared_reads() as reads:
        assert client.get(post.get_absolute_url()).status_code == 200
        assert CACHE_KEY not in reads  # this worker's copy: no shared read
        site = SiteSettings.objects.get(pk=1)
        site.name = "Renamed clinic"
        site.save()  # commits: every worker's copy is forgotten
        assert "Renamed clinic" in client.get(post.get_absolute_url()).content.decode()
        assert CACHE_KEY in reads


@pytest.mark.usefixtures("rendered_fragments")
def test_each_request_gets_its_own_copy_of_the_kept_settings():
    start_request_memo()
    first = SiteSettings.current()
    first.name = "Changed by one request only"  # as a settings form would
    end_request_memo()
    start_request_memo()
    second = SiteSettings.current()
    end_request_memo()
    assert second is not first
    assert second.name != "Changed by one request only"
