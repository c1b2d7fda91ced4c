import pytest
from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django_tasks_db.models import DBTaskResult

from meridian.core.email import send_email
from tests.helpers import run_queued

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
    run_queued(DBTaskResult.objects.get())
    assert [m.subject for m in mail.outbox] == ["Reset your password"]
    # The reset link no longer sits in the task table, and the send counted
    # as a success (a failing receiver would have marked the task failed).
    assert DBTaskResult.objects.count() == 0
    assert not [r for r in caplog.records if r.levelname in ("ERROR", "CRITICAL")]
