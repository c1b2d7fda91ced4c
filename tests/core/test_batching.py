"""Side effects gathered over a bulk change run once, after the commit."""

import pytest
from django.db import transaction

from meridian.core.batching import after_commit, gathered


class Recorder:
    def __init__(self):
        self.calls: list[list] = []

    def __call__(self, keys):
        self.calls.append(list(keys))


@pytest.mark.django_db(transaction=True)
def test_gathered_keys_reach_the_function_once_after_the_commit():
    record = Recorder()
    with gathered():
        with transaction.atomic():
            after_commit(record, 1)
            after_commit(record, 2, 1)
            assert record.calls == []
        with transaction.atomic():
            after_commit(record, 3)
        assert record.calls == []
    assert record.calls == [[1, 2, 3]]


@pytest.mark.django_db(transaction=True)
def test_without_gathering_each_call_runs_after_its_commit():
    record = Recorder()
    with transaction.atomic():
        after_commit(record, 1)
        after_commit(record, 2)
    assert record.calls == [[1], [2]]


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_enclosing_transaction_runs_nothing():
    record = Recorder()
    with transaction.atomic():
        with gathered():
            after_commit(record, 1)
        transaction.set_rollback(True)
    assert record.calls == []


@pytest.mark.django_db(transaction=True)
def test_one_failing_side_effect_does_not_stop_the_others(caplog):
    record = Recorder()

    def broken(keys):
        raise RuntimeError("index away")

    with gathered():
        after_commit(broken, 1)
        after_commit(record, 1)
    assert record.calls == [[1]]
    assert "index away" in caplog.text
