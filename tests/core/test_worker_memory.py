"""Each worker's own memory (core/worker_memory.py): values kept as they are."""

import copy

import pytest
import time_machine

from meridian.core.worker_memory import WorkerMemoryCache, reader_copy
from meridian.journal.models import Post
from tests.factories import PostFactory


def _memory(name="test-worker-memory", **options) -> WorkerMemoryCache:
    memory = WorkerMemoryCache(name, {"TIMEOUT": 60, "OPTIONS": options})
    memory.clear()
    return memory


def test_the_very_object_stored_is_read_back_unpickled():
    memory = _memory()
    html = "<article>" + "x" * 40_000 + "</article>"
    value = (html, {"post:1": 7})
    memory.set("fragment:1", value)
    assert memory.get("fragment:1") is value
    assert memory.get("fragment:2") is None
    assert memory.get_many(["fragment:1", "fragment:2"]) == {"fragment:1": value}


def test_add_keeps_what_is_there_and_incr_counts():
    memory = _memory()
    assert memory.add("lock", 1)
    assert not memory.add("lock", 2)
    assert memory.get("lock") == 1
    assert memory.incr("lock", 5) == 6
    memory.delete("lock")
    assert memory.add("lock", 3)


def test_what_is_past_its_time_is_gone():
    memory = _memory()
    with time_machine.travel("2026-01-01 12:00", tick=False) as clock:
        memory.set("page", b"<html>", timeout=60)
        clock.shift(59)
        assert memory.get("page") == b"<html>"
        clock.shift(2)
        assert memory.get("page") is None
        assert memory.add("page", b"<html> again", timeout=60)


def test_the_oldest_entries_make_room_when_it_is_full():
    memory = _memory(MAX_ENTRIES=10)
    for number in range(25):
        memory.set(f"card:{number}", f"<li>{number}</li>")
    kept = [number for number in range(25) if memory.get(f"card:{number}")]
    assert len(kept) <= 10
    assert 24 in kept


def test_the_site_keeps_fragments_and_pages_in_it():
    # meridian.settings as the project sets it (the tests' own CACHES differ).
    from meridian import settings as project

    for alias in ("template_fragments", "local_pages"):
        backend = project.CACHES[alias]["BACKEND"]
        assert backend == "meridian.core.worker_memory.WorkerMemoryCache"


@pytest.mark.django_db
def test_a_readers_copy_is_what_copy_copy_gives(author):
    post = PostFactory(author=author)
    kept = Post.objects.select_related("author").get(pk=post.pk)
    mine = reader_copy(kept)
    expected = copy.copy(kept)
    assert type(mine) is Post
    assert mine == kept
    assert mine is not kept
    # copy.copy also carries the Django version pickling records.
    assert mine.__dict__.keys() == expected.__dict__.keys() - {"_django_version"}
    assert (mine._state.db, mine._state.adding) == ("default", False)
    assert mine.author is kept.author  # related rows shared, only read
    mine.title = "Changed by one reader"
    mine._state.fields_cache.pop("author")
    mine._state.adding = True
    assert kept.title == post.title
    assert kept._state.fields_cache["author"] is kept.author
    assert kept._state.adding is False
    related_rows = kept._state.fields_cache
    reader_copy(kept)
    assert kept._state.fields_cache is related_rows  # the kept one only read
    mine.save()  # still a row of its own table, saved as an update
    assert Post.objects.count() == 1
    assert Post.objects.get(pk=post.pk).title == "Changed by one reader"
