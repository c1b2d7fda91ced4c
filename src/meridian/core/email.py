"""Email sent through the background-task layer: retried, logged, never raised.

The request renders the message (it has the context) and enqueues a task with
plain JSON arguments; the task sends it. A failing mail server never breaks or
slows the request that caused the email.
"""

import logging
from datetime import timedelta
from email.utils import formataddr, parseaddr

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.dispatch import receiver
from django.utils import timezone
from django_tasks import default_task_backend, task
from django_tasks.signals import task_finished

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 4
# Deferred retries for queue backends (a worker runs them later).
RETRY_DELAYS = (timedelta(minutes=1), timedelta(minutes=5), timedelta(minutes=30))


@task()
def send_email_task(
    subject: str,
    body: str,
    to: list[str],
    from_email: str | None = None,
    html: str = "",
    headers: dict[str, str] | None = None,
    attempt: int = 1,
) -> bool:
    """Send one email; on failure enqueue a later attempt, up to MAX_ATTEMPTS."""
    message = EmailMultiAlternatives(
        subject, body, from_email, to, headers=headers or {}
    )
    if html:
        message.attach_alternative(html, "text/html")
    try:
        message.send()
    except Exception:
        logger.exception(
            "Sending %r failed (attempt %d of %d)", subject, attempt, MAX_ATTEMPTS
        )
        if attempt < MAX_ATTEMPTS:
            _enqueue(subject, body, to, from_email, html, headers, attempt=attempt + 1)
        else:
            logger.error("Gave up sending %r to %d recipient(s)", subject, len(to))
        return False
    return True


def _enqueue(subject, body, to, from_email, html, headers, attempt=1) -> None:
    """Enqueue the send, deferred by the backoff delay where the backend can."""
    task_ = send_email_task
    if attempt > 1 and default_task_backend.supports_defer:
        delay = RETRY_DELAYS[min(attempt - 2, len(RETRY_DELAYS) - 1)]
        task_ = task_.using(run_after=timezone.now() + delay)
    try:
        task_.enqueue(
            subject=subject,
            body=body,
            to=list(to),
            from_email=from_email,
            html=html,
            headers=dict(headers or {}),
            attempt=attempt,
        )
    except Exception:
        logger.exception("Could not enqueue the email %r", subject)


def site_sender() -> str:
    """Return the From of the site's emails: its own name, the configured address."""
    from .models import SiteSettings

    name = " ".join(SiteSettings.current().name.split())
    return formataddr((name, parseaddr(settings.DEFAULT_FROM_EMAIL)[1]))


def send_email(message: EmailMultiAlternatives) -> None:
    """Queue `message` for sending once the current transaction commits."""
    html = ""
    for content, mimetype in getattr(message, "alternatives", []):
        if mimetype == "text/html":
            html = content
    args = (
        str(message.subject),
        str(message.body),
        list(message.to),
        message.from_email,
        html,
        {str(k): str(v) for k, v in (message.extra_headers or {}).items()},
    )
    transaction.on_commit(lambda: _enqueue(*args))


@receiver(task_finished)
def forget_sent_email(sender, task_result, **kwargs) -> None:
    """Delete a finished email task's row: it holds the whole message.

    Reset and confirmation links, comment text and addresses must not outlive
    the send in the task table. A retry is a new row, so nothing is lost.
    """
    from django_tasks_db import DatabaseBackend
    from django_tasks_db.models import DBTaskResult

    # The worker sends the backend itself on success and its class on failure.
    backend = sender if isinstance(sender, type) else type(sender)
    if not issubclass(backend, DatabaseBackend):
        return  # nothing is stored by the immediate backend
    if task_result.task.module_path != send_email_task.module_path:
        return
    DBTaskResult.objects.filter(id=task_result.id).delete()
