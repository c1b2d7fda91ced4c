"""Fixtures shared by the whole suite."""

import os

import pytest
from django.core.cache import cache, caches
from django.test import Client

from tests.factories import CategoryFactory, PostFactory, TagFactory, UserFactory
from tests.media import pictures


@pytest.fixture(autouse=True)
def _isolated_site(settings, tmp_path, worker_id):
    """Give each test fast hashing, its own media dir and an empty shared cache."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {
            "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        },
    }
    settings.PAGE_CACHE = False
    cache_config = dict(settings.CACHES["default"])
    number = int(worker_id[2:]) if worker_id.startswith("gw") else 0
    if cache_config["BACKEND"].endswith("RedisCache"):
        # One Redis database per xdist worker, so clear() stays within a worker.
        base, _, database = cache_config["LOCATION"].rpartition("/")
        cache_config["LOCATION"] = f"{base}/{int(database or 0) + number}"
    else:
        cache_config["LOCATION"] = str(tmp_path / "cache")
    # Rendered fragments are forgotten when a change commits, which a `db` test
    # never does: tests that keep them ask for `rendered_fragments`.
    settings.CACHES = {
        "default": cache_config,
        "template_fragments": _NO_FRAGMENTS,
        "local_pages": {
            "BACKEND": "meridian.core.worker_memory.WorkerMemoryCache",
            "LOCATION": "test-pages",
        },
    }
    cache.clear()
    caches["local_pages"].clear()
    yield
    cache.clear()
    caches["local_pages"].clear()


_NO_FRAGMENTS = {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}


@pytest.fixture
def rendered_fragments(settings, transactional_db):
    """Keep rendered page fragments, as a running site does."""
    settings.CACHES = {
        **settings.CACHES,
        "template_fragments": {
            "BACKEND": "meridian.core.worker_memory.WorkerMemoryCache",
            "LOCATION": "test-fragments",
        },
    }
    caches["template_fragments"].clear()
    yield
    caches["template_fragments"].clear()


@pytest.fixture
def committing_client(django_capture_on_commit_callbacks):
    """Return a test client that runs each request's on-commit work (queued
    emails) when the request returns, as a real request's commit would."""
    client = Client()
    original = client.request

    def request(**kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return original(**kwargs)

    client.request = request
    return client


@pytest.fixture
def user_factory(db):
    return UserFactory


@pytest.fixture
def author(db):
    return UserFactory(
        display_name="Mei Lin", credentials="L.Ac., Dipl. OM", is_staff=True
    )


@pytest.fixture
def category(db):
    return CategoryFactory(name="Treatments", slug="treatments")


@pytest.fixture
def tag(db):
    return TagFactory(name="Sleep", slug="sleep")


@pytest.fixture
def post(db, author, category, tag):
    post = PostFactory(author=author, category=category, title="Needles, explained")
    post.tags.add(tag)
    return post


def store_picture(content: bytes | None = None, name="photo.jpg", **fields):
    """Store a picture in the library as an upload would, and return the Image."""
    from meridian.media import processing, validation
    from meridian.media.library import add_image

    upload = pictures.upload(content or pictures.phone_photo(), name)
    inspected = validation.inspect_upload(upload)
    cleaned = processing.clean_image(upload, inspected)
    fields.setdefault("alt", "A treatment room with a window")
    return add_image(cleaned, uploaded_name=name, **fields)


@pytest.fixture
def library_image(db):
    """Return store_picture: pictures in the library, through the real pipeline."""
    return store_picture


os.environ.setdefault("PLAYWRIGHT_BROWSERS_PATH", "0")
