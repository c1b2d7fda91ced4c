"""Fixtures shared by the whole suite."""

import os

import pytest
from django.core.cache import cache

from tests.factories import CategoryFactory, PostFactory, TagFactory, UserFactory


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
    settings.CACHES = {"default": cache_config}
    cache.clear()
    yield
    cache.clear()


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


os.environ.setdefault("PLAYWRIGHT_BROWSERS_PATH", "0")
