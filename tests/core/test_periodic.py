"""Periodic jobs: once per period across processes, failures retried, a clean stop."""

import pytest

from meridian.core import periodic


@pytest.fixture
def registry(monkeypatch):
    monkeypatch.setattr(periodic, "_jobs", {})
    return periodic


def test_a_job_runs_once_per_period_whoever_checks(registry):
    calls = []
    registry.register("count", lambda: calls.append(1) or len(calls), every=300)

    assert registry.run_due() == {"count": 1}
    assert registry.run_due() == {}  # another worker, or the next minute
    assert calls == [1]


def test_a_failing_job_is_logged_and_tried_again_at_the_next_check(registry, caplog):
    attempts = []

    def flaky():
        attempts.append(1)
        if len(attempts) == 1:
            raise RuntimeError("database restarting")
        return "done"

    registry.register("flaky", flaky, every=300)

    assert registry.run_due() == {}
    assert "Periodic job flaky failed" in caplog.text
    assert registry.run_due() == {"flaky": "done"}


def test_one_failing_job_does_not_keep_the_others_from_running(registry):
    registry.register("a-broken", lambda: 1 / 0, every=300)
    registry.register("b-fine", lambda: "ok", every=300)

    assert registry.run_due() == {"b-fine": "ok"}


@pytest.mark.django_db(transaction=True)
def test_the_ticker_runs_at_once_and_stops_when_asked(registry):
    ran = []
    registry.register("now", lambda: ran.append(1), every=300)
    ticker = registry.Ticker(every=0.05)

    ticker.start()
    ticker.stop()
    ticker.join(5)

    assert not ticker.is_alive()
    assert ran == [1]


def test_subscribers_register_their_tick():
    assert "subscribers" in {job.name for job in periodic.jobs()}
