"""Settings come from MERIDIAN_* variables; each case runs in a fresh interpreter."""

from .conftest import settings_for


def test_everything_the_site_writes_lives_under_the_data_dir(tmp_path):
    one = settings_for(tmp_path, MERIDIAN_DATA_DIR=str(tmp_path / "one"))
    two = settings_for(tmp_path, MERIDIAN_DATA_DIR=str(tmp_path / "two"))
    for value in (one["db"], one["media"], one["mail"]):
        assert value.startswith(str(tmp_path / "one"))
    assert one["db"] != two["db"]
    assert one["cache"].endswith("FileBasedCache")


def test_database_and_cache_urls(tmp_path):
    path = tmp_path / "elsewhere.sqlite3"
    sqlite = settings_for(tmp_path, MERIDIAN_DATABASE_URL=f"sqlite:///{path}")
    assert sqlite["db"] == str(path)
    scaled = settings_for(
        tmp_path,
        MERIDIAN_DATABASE_URL="postgres://clinic:pw@db.internal:5432/journal",
        MERIDIAN_CACHE_URL="redis://127.0.0.1:6379/3",
    )
    assert scaled["engine"] == "django.db.backends.postgresql"
    assert scaled["db"] == "journal"
    assert scaled["cache"] == "django.core.cache.backends.redis.RedisCache"


def test_https_site_url_turns_on_https_enforcement(tmp_path):
    https = settings_for(tmp_path, MERIDIAN_SITE_URL="https://journal.example.org")
    assert https["ssl_redirect"] is True
    assert https["hsts"] > 0
    assert https["secure_cookies"] is True
    assert "journal.example.org" in https["hosts"]
    plain = settings_for(tmp_path, MERIDIAN_SITE_URL="http://127.0.0.1:8000")
    assert plain["ssl_redirect"] is False
    assert plain["hsts"] == 0
    assert plain["secure_cookies"] is False


def test_email_url_selects_the_backend(tmp_path):
    default = settings_for(tmp_path)
    assert (
        default["email_backend"]
        == "meridian.core.development_mail.DevelopmentEmailBackend"
    )
    smtp = settings_for(
        tmp_path, MERIDIAN_EMAIL_URL="smtp://user:pw@mail.example.org:587"
    )
    assert smtp["email_backend"] == "django.core.mail.backends.smtp.EmailBackend"


def test_site_url_follows_the_bind_address_unless_set(tmp_path):
    assert settings_for(tmp_path)["site_url"] == "http://127.0.0.1:8000"
    bound = settings_for(tmp_path, MERIDIAN_BIND="127.0.0.1:8102")
    assert bound["site_url"] == "http://127.0.0.1:8102"
    everywhere = settings_for(tmp_path, MERIDIAN_BIND="0.0.0.0:8102")
    assert everywhere["site_url"] == "http://127.0.0.1:8102"
    chosen = settings_for(
        tmp_path, MERIDIAN_BIND="0.0.0.0:8102", MERIDIAN_SITE_URL="https://a.example"
    )
    assert chosen["site_url"] == "https://a.example"
