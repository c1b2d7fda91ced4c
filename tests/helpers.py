"""Helpers the test modules share (fixtures are in conftest.py, factories in
factories.py)."""

from html.parser import HTMLParser

from django.core.cache import cache
from django_tasks_db.management.commands.db_worker import Worker

from meridian.core import dependencies
from meridian.core.models import CACHE_KEY, SiteSettings


def configure_site(**fields) -> SiteSettings:
    """Change site settings at once (the on-commit cache purge never runs in `db`).

    As a committed save does: the shared copy is forgotten, then SITE is
    bumped, which each worker's own copy and every kept fragment obey.
    """
    SiteSettings.objects.get_or_create(pk=1)
    SiteSettings.objects.filter(pk=1).update(**fields)
    cache.delete(CACHE_KEY)
    dependencies.bump([dependencies.SITE])
    return SiteSettings.current()


def run_queued(task_result) -> None:
    """Run one queued task row through the worker's own code path.

    Without its connection handling: the test database must stay open. The
    task's signals fire as they do under `meridian worker`.
    """
    Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test",
        excluded_queue_names=[],
    ).run_task(task_result)


def warm(client, *urls: str) -> None:
    """Fetch each page until the anonymous page cache answers it."""
    for url in urls:
        client.get(url)
        response = client.get(url)
        assert response.get("X-Cache") == "hit", (url, response.status_code)


def cache_state(client, url: str) -> str:
    """Return "hit" or "miss": whether the page cache answered, and keep the page."""
    return client.get(url).get("X-Cache", "")


class ExecutableFinder(HTMLParser):
    """Collect anything in HTML that a browser could execute."""

    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        if tag in {"script", "iframe", "object", "embed", "style", "svg", "math"}:
            self.found.append(tag)
        for name, value in attrs:
            if name.startswith("on") or name == "style":
                self.found.append(name)
            if name in {"href", "src"} and value:
                scheme = "".join(value.split()).lower()
                if scheme.startswith(("javascript:", "data:", "vbscript:")):
                    self.found.append(value)


def executables(html: str) -> list:
    """Return what in `html` a browser could execute (tags, handlers, URLs)."""
    finder = ExecutableFinder()
    finder.feed(html)
    return finder.found
