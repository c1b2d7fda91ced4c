"""/healthz and /readyz as a load balancer sees them, and the 500 page's last resort."""

import pytest
from django.db.migrations.recorder import MigrationRecorder
from django.test import Client, override_settings

pytestmark = pytest.mark.django_db


def test_healthz_answers_any_host_uncached(client, settings):
    settings.PAGE_CACHE = True
    response = client.get("/healthz", HTTP_HOST="10.1.2.3:8000")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-store" in response["Cache-Control"]
    assert "X-Cache" not in response


def test_readyz_reports_each_check(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {
            "database": "ok",
            "cache": "ok",
            "task_queue": "ok",
            "migrations": "ok",
        },
    }


def test_readyz_checks_the_database_task_queue(client, settings):
    settings.TASKS = {"default": {"BACKEND": settings.TASK_BACKENDS["database"]}}
    assert client.get("/readyz").json()["checks"]["task_queue"] == "ok"


def test_readyz_is_503_naming_an_unreachable_cache(client):
    unreachable = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",
    }
    with override_settings(CACHES={"default": unreachable}):
        response = client.get("/readyz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["checks"]["cache"] == "unreachable"
    assert body["checks"]["database"] == "ok"


def test_readyz_is_503_while_a_migration_is_not_applied(client):
    newest = MigrationRecorder.Migration.objects.filter(app="core").latest("name")
    newest.delete()
    response = client.get("/readyz")
    assert response.status_code == 503
    assert "run `meridian migrate`" in response.json()["checks"]["migrations"]


def test_probes_refuse_writes(client):
    assert client.post("/readyz").status_code == 405


def test_500_page_renders_when_static_files_were_never_collected(settings, tmp_path):
    settings.ROOT_URLCONF = "tests.core.failing_urls"
    settings.STATIC_ROOT = tmp_path / "never-collected"
    settings.STATIC_ROOT.mkdir()
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {
            "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        },
    }
    response = Client(raise_request_exception=False).get("/broken/")
    assert response.status_code == 500
    assert "Something went wrong on our side" in response.content.decode()
    assert 'href="/static/meridian/css/site.css"' in response.content.decode()
