"""Settings come from MERIDIAN_* variables; each case runs in a fresh interpreter."""

import json
import os
import subprocess
import sys

PROBE = """
import json
from django.conf import settings
print(json.dumps({
    "db": str(settings.DATABASES["default"]["NAME"]),
    "engine": settings.DATABASES["default"]["ENGINE"],
    "cache": settings.CACHES["default"]["BACKEND"],
    "media": str(settings.MEDIA_ROOT),
    "mail": str(settings.EMAIL_FILE_PATH),
    "email_backend": settings.EMAIL_BACKEND,
    "ssl_redirect": settings.SECURE_SSL_REDIRECT,
    "hsts": settings.SECURE_HSTS_SECONDS,
    "secure_cookies": settings.SESSION_COOKIE_SECURE and settings.CSRF_COOKIE_SECURE,
    "hosts": settings.ALLOWED_HOSTS,
    "site_url": settings.SITE_URL,
    "storage": settings.STORAGES["default"]["BACKEND"],
    "storage_options": settings.STORAGES["default"].get("OPTIONS", {}),
    "img_src": settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"],
}))
"""


def _settings(tmp_path, **env) -> dict:
    environ = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("MERIDIAN_")
    }
    environ.update(DJANGO_SETTINGS_MODULE="meridian.settings", **env)
    environ.setdefault("MERIDIAN_DATA_DIR", str(tmp_path / "site"))
    out = subprocess.run(
        [sys.executable, "-c", PROBE],
        env=environ,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout)


def test_everything_the_site_writes_lives_under_the_data_dir(tmp_path):
    one = _settings(tmp_path, MERIDIAN_DATA_DIR=str(tmp_path / "one"))
    two = _settings(tmp_path, MERIDIAN_DATA_DIR=str(tmp_path / "two"))
    for value in (one["db"], one["media"], one["mail"]):
        assert value.startswith(str(tmp_path / "one"))
    assert one["db"] != two["db"]
    assert one["cache"].endswith("FileBasedCache")


def test_database_and_cache_urls(tmp_path):
    path = tmp_path / "elsewhere.sqlite3"
    sqlite = _settings(tmp_path, MERIDIAN_DATABASE_URL=f"sqlite:///{path}")
    assert sqlite["db"] == str(path)
    scaled = _settings(
        tmp_path,
        MERIDIAN_DATABASE_URL="postgres://clinic:pw@db.internal:5432/journal",
        MERIDIAN_CACHE_URL="redis://127.0.0.1:6379/3",
    )
    assert scaled["engine"] == "django.db.backends.postgresql"
    assert scaled["db"] == "journal"
    assert scaled["cache"] == "django.core.cache.backends.redis.RedisCache"


def test_https_site_url_turns_on_https_enforcement(tmp_path):
    https = _settings(tmp_path, MERIDIAN_SITE_URL="https://journal.example.org")
    assert https["ssl_redirect"] is True
    assert https["hsts"] > 0
    assert https["secure_cookies"] is True
    assert "journal.example.org" in https["hosts"]
    plain = _settings(tmp_path, MERIDIAN_SITE_URL="http://127.0.0.1:8000")
    assert plain["ssl_redirect"] is False
    assert plain["hsts"] == 0
    assert plain["secure_cookies"] is False


def test_email_url_selects_the_backend(tmp_path):
    default = _settings(tmp_path)
    assert (
        default["email_backend"]
        == "meridian.core.development_mail.DevelopmentEmailBackend"
    )
    smtp = _settings(tmp_path, MERIDIAN_EMAIL_URL="smtp://user:pw@mail.example.org:587")
    assert smtp["email_backend"] == "django.core.mail.backends.smtp.EmailBackend"


def test_site_url_follows_the_bind_address_unless_set(tmp_path):
    assert _settings(tmp_path)["site_url"] == "http://127.0.0.1:8000"
    bound = _settings(tmp_path, MERIDIAN_BIND="127.0.0.1:8102")
    assert bound["site_url"] == "http://127.0.0.1:8102"
    everywhere = _settings(tmp_path, MERIDIAN_BIND="0.0.0.0:8102")
    assert everywhere["site_url"] == "http://127.0.0.1:8102"
    chosen = _settings(
        tmp_path, MERIDIAN_BIND="0.0.0.0:8102", MERIDIAN_SITE_URL="https://a.example"
    )
    assert chosen["site_url"] == "https://a.example"
