"""A real worker process killed with SIGKILL mid-send resumes without doubles or gaps.

The article goes through the production path: `email_article()` queues the
first batch in the database queue, `meridian db_worker` (a separate process)
sends it over SMTP to a real server on loopback, and is killed half-way. Two
minutes later (the lease, aged here rather than waited for) `meridian
subscribers_tick` finds the mailing stalled and a new worker finishes it.
"""

import os
import signal
import subprocess
from datetime import timedelta

import pytest
from django.conf import settings
from django.db import connection
from django.db.models import Count
from django.utils import timezone

from meridian.subscribers import sending
from meridian.subscribers.models import Delivery, Mailing, Subscriber
from meridian.subscribers.sending import LEASE
from tests.factories import PostFactory
from tests.helpers import configure_site
from tests.mail_sink import MailSink
from tests.serving import MERIDIAN, free_port, meridian, site_environ, wait_for

pytestmark = [pytest.mark.django_db(transaction=True)]

READERS = 120


def database_url() -> str:
    """Return a URL for the test database, for processes started by the test."""
    database = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{database['NAME']}"
    credentials = database["USER"] + (
        f":{database['PASSWORD']}" if database["PASSWORD"] else ""
    )
    port = database["PORT"] or 5432
    return f"postgres://{credentials}@{database['HOST']}:{port}/{database['NAME']}"


@pytest.fixture
def worker_environ(tmp_path):
    def environ(smtp_url: str) -> dict:
        return site_environ(
            tmp_path / "worker",
            MERIDIAN_DATABASE_URL=database_url(),
            MERIDIAN_EMAIL_URL=smtp_url,
            MERIDIAN_EMAIL_RATE="0",
            MERIDIAN_TASKS="database",
            # The test's own Redis database (one per xdist worker), not the
            # one named in the environment, which another worker's tests fill
            # with their own site settings (a default digest day among them).
            **(
                {"MERIDIAN_CACHE_URL": settings.CACHES["default"]["LOCATION"]}
                if settings.CACHES["default"]["BACKEND"].endswith("RedisCache")
                else {}
            ),
        )

    return environ


def run_worker(environ: dict) -> subprocess.Popen:
    return subprocess.Popen(
        [*MERIDIAN, "db_worker", "--batch", "--no-startup-delay", "--interval", "0.1"],
        env=environ,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def test_a_worker_killed_mid_send_resumes_and_everyone_gets_one_message(
    worker_environ,
):
    # The weekly digest three days off, whatever day the suite runs: on its
    # own day the tick would start it too, and resume two mailings.
    configure_site(digest_weekday=(timezone.localtime().weekday() + 3) % 7)
    post = PostFactory(title="Sleep and the seasons")
    Subscriber.objects.bulk_create(
        Subscriber(email=f"reader{n}@example.org", confirmed_at=timezone.now())
        for n in range(READERS)
    )
    # A slow mail server, so the kill lands in the middle of the send.
    with MailSink(free_port(), delay=0.02) as sink:
        received = sink.received
        environ = worker_environ(sink.url)
        queued = meridian(
            environ,
            "shell",
            "-c",
            "from meridian.journal.models import Post;"
            "from meridian.subscribers.mailings import email_article;"
            f"email_article(Post.objects.get(pk={post.pk}))",
        )
        assert queued.returncode == 0, queued.stderr

        worker = run_worker(environ)
        try:
            assert wait_for(lambda: received.count() >= READERS // 3, 60), (
                "the worker sent nothing"
            )
            os.killpg(worker.pid, signal.SIGKILL)  # no cleanup of any kind
        finally:
            worker.wait(10)
        killed_at = received.count()
        assert 0 < killed_at < READERS
        mailing = Mailing.objects.get(post=post)
        assert mailing.status == Mailing.Status.SENDING
        statuses = dict(
            Delivery.objects.filter(mailing=mailing)
            .values_list("status")
            .annotate(n=Count("id"))
        )
        assert statuses.get(Delivery.Status.SENDING, 0) <= 1
        assert statuses[Delivery.Status.QUEUED] > 0

        # Two minutes on, the lease has gone stale; cron runs the tick.
        Mailing.objects.filter(pk=mailing.pk).update(
            heartbeat_at=timezone.now() - LEASE - timedelta(seconds=1)
        )
        tick = meridian(environ, "subscribers_tick")
        assert tick.stdout.startswith("digest: not due; resumed mailings: 1;"), (
            tick.stdout + tick.stderr
        )
        resumed = run_worker(environ)
        output, _ = resumed.communicate(timeout=120)
        assert resumed.returncode == 0, output.decode()[-2000:]

    by_reader = received.per_recipient()
    expected = {f"reader{n}@example.org" for n in range(READERS)}
    assert set(by_reader) == expected  # nobody skipped
    # One message each: at most the one row on the wire at the kill went twice,
    # under the same Message-ID, which mail systems take as one message.
    assert all(len(ids) == 1 for ids in by_reader.values())
    assert received.count() - READERS <= 1
    mailing.refresh_from_db()
    assert mailing.status == Mailing.Status.DONE
    assert (
        Delivery.objects.filter(mailing=mailing, status=Delivery.Status.SENT).count()
        == READERS
    )


def test_meridian_worker_resumes_a_stalled_mailing_without_cron(worker_environ):
    post = PostFactory(title="Herbs for sleep")
    Subscriber.objects.bulk_create(
        Subscriber(email=f"reader{n}@example.org", confirmed_at=timezone.now())
        for n in range(5)
    )
    # A mailing whose worker died long ago: recipients listed, one row on the wire.
    mailing = Mailing.objects.create(kind=Mailing.Kind.ARTICLE, post=post)
    sending.list_recipients(mailing)
    Delivery.objects.filter(pk=Delivery.objects.order_by("id").first().pk).update(
        status=Delivery.Status.SENDING, attempts=1
    )
    Mailing.objects.filter(pk=mailing.pk).update(
        status=Mailing.Status.SENDING,
        heartbeat_at=timezone.now() - LEASE - timedelta(minutes=1),
    )

    with MailSink(free_port()) as sink:
        worker = subprocess.Popen(
            [*MERIDIAN, "worker", "--interval", "0.2"],
            env=worker_environ(sink.url),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            finished = wait_for(
                lambda: Mailing.objects.filter(
                    pk=mailing.pk, status=Mailing.Status.DONE
                ).exists(),
                60,
            )
        finally:
            os.killpg(worker.pid, signal.SIGTERM)
            output, _ = worker.communicate(timeout=20)
        assert finished, output.decode()[-3000:]
        assert set(sink.received.per_recipient()) == {
            f"reader{n}@example.org" for n in range(5)
        }
