import pytest
from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from meridian.core.email import send_email

pytestmark = pytest.mark.django_db


def test_the_worker_sends_queued_mail_and_keeps_no_copy(
    settings, django_capture_on_commit_callbacks, caplog
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    with django_capture_on_commit_callbacks(execute=True):
        send_email(
            EmailMultiAlternatives(
                "Reset your password", "https://x/reset/secret", to=["a@example.org"]
            )
        )
    assert DBTaskResult.objects.count() == 1
    assert mail.outbox == []
    # The worker's own code path, without its connection handling (the test
    # database must stay open): run the queued row, then the signals fire.
    Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test",
        excluded_queue_names=[],
    ).run_task(DBTaskResult.objects.get())
    assert [m.subject for m in mail.outbox] == ["Reset your password"]
    # The reset link no longer sits in the task table, and the send counted
    # as a success (a failing receiver would have marked the task failed).
    assert DBTaskResult.objects.count() == 0
    assert not [r for r in caplog.records if r.levelname in ("ERROR", "CRITICAL")]
