"""Personal data past its retention period is dropped by the task worker."""

import pytest
from django.core.management import call_command
from django.core.signals import request_started
from django_tasks_db.models import DBTaskResult

from meridian.core import retention

pytestmark = pytest.mark.django_db


@pytest.fixture
def pruner():
    """A test-only app's contribution: counts the prunes it was asked for."""
    calls = []

    def prune(site, now):
        calls.append(site.fingerprint_retention_days)
        return 3

    retention.register_pruner("notebook", prune)
    yield calls
    retention._pruners.pop("notebook")


@pytest.fixture
def served(settings, monkeypatch):
    """Requests as `meridian serve` handles them, with the database queue."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    monkeypatch.setattr(retention, "_next_check", 0.0)
    retention.schedule_on_requests()
    yield
    request_started.disconnect(dispatch_uid=retention._SCHEDULED_KEY)


def test_served_requests_enqueue_the_prune_once_for_the_worker(
    client, served, pruner, monkeypatch
):
    client.get("/")
    monkeypatch.setattr(retention, "_next_check", 0.0)  # another worker process
    client.get("/")
    queued = DBTaskResult.objects.filter(
        task_path=retention.prune_personal_data.module_path
    )
    assert queued.count() == 1
    assert pruner == []  # the request only enqueued it
    assert retention.prune_personal_data.call() == {
        "address_fingerprints": 0,
        "notebook": 3,
    }
    assert pruner == [30]


def test_requests_outside_meridian_serve_schedule_nothing(client, pruner, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    client.get("/")
    assert not DBTaskResult.objects.exists()


def test_meridian_prune_drops_it_at_once(pruner, capsys):
    call_command("prune")
    assert "notebook: 3 dropped" in capsys.readouterr().out
    assert pruner == [30]
