"""`meridian backup` and `meridian restore` as an operator runs them."""

import io
import json
import re
import subprocess
import sys
import tarfile
import threading
import time
import urllib.parse
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from meridian.core.models import SiteSettings
from tests.comments.conftest import form_fields
from tests.serving import fetch, meridian, serving, site_environ, wait_for

PREPARE = """
import json, django
django.setup()
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.test import Client
from tests.comments.conftest import configure_site, confirmed_reader
from tests.factories import PostFactory

configure_site(
    comment_min_seconds=0,
    hold_first_comment=False,
    hold_personal_details=False,
    comment_rate_limit="100000/1m",
)
post = PostFactory(title="Backed up")
default_storage.save("avatars/portrait.png", ContentFile(b"not really a png" * 100))
client = Client()
client.force_login(confirmed_reader())
print(json.dumps({
    "article": post.get_absolute_url(),
    "action": f"/comments/post/{post.pk}/",
    "session": client.cookies["sessionid"].value,
}))
"""

COUNT = """
import django
django.setup()
from meridian.comments.models import Comment
print(sorted(Comment.objects.values_list("pk", flat=True)))
"""

CHECKOUT = Path(__file__).parents[2]
_COMMENT = re.compile(r"#comment-(\d+)$")


def _python(environ, script: str) -> str:
    """Run a script against a site, from the checkout (so `tests` imports)."""
    done = subprocess.run(
        [sys.executable, "-c", script],
        env=environ,
        cwd=CHECKOUT,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


def _comments(environ) -> list[int]:
    return json.loads(_python(environ, COUNT))


def _write_comments(server_url: str, site: dict, stop: threading.Event, log: list):
    """Post comments as a signed-in reader until told to stop; log accepted ids."""
    cookies = {"sessionid": site["session"]}
    number = 0
    while not stop.is_set():
        number += 1
        jar = "; ".join(f"{key}={value}" for key, value in cookies.items())
        _status, headers, page = fetch(
            server_url + site["article"], headers={"Cookie": jar}
        )
        for header in headers.get_all("Set-Cookie") or []:
            name, _sep, rest = header.partition("=")
            cookies[name.strip()] = rest.split(";", 1)[0]
        data = form_fields(page.decode()) | {"body": f"Comment number {number}"}
        jar = "; ".join(f"{key}={value}" for key, value in cookies.items())
        posted = time.monotonic()
        status, headers, _body = fetch(
            server_url + site["action"],
            data=urllib.parse.urlencode(data).encode(),
            headers={"Cookie": jar, "Referer": server_url + site["article"]},
        )
        found = _COMMENT.search(headers.get("Location", ""))
        answered = time.monotonic()
        log.append((posted, answered, status, int(found.group(1)) if found else None))


def test_round_trip_while_the_server_takes_writes(tmp_path):
    live = site_environ(tmp_path / "live")
    meridian(live, "setup", "--no-demo")
    site = json.loads(_python(live, PREPARE))
    archive = tmp_path / "backups" / "meridian.tar.gz"
    log: list = []
    stop = threading.Event()
    with serving(live, "--no-task-worker", "--no-access-log") as server:
        writer = threading.Thread(
            target=_write_comments, args=(server.url, site, stop, log)
        )
        writer.start()
        try:
            # Writes before, during and after the backup, however busy the machine.
            assert wait_for(lambda: len(log) >= 3, 60), "no write was accepted"
            started = time.monotonic()
            made = meridian(live, "backup", "--output", str(archive))
            finished = time.monotonic()
            assert wait_for(lambda: log[-1][0] > finished, 60), "no write after"
        finally:
            stop.set()
            writer.join()
    assert "1 media file(s)" in made.stdout
    assert all(status == 302 for _posted, _answered, status, _pk in log), log
    # Answered before the backup began: committed before it. Posted after it
    # ended: committed after it. The rest may or may not be in it.
    before = {pk for _posted, answered, _status, pk in log if answered < started}
    after = {pk for posted, _answered, _status, pk in log if posted > finished}
    during = {pk for _posted, _answered, _status, pk in log} - before - after
    assert before, "the writer should have run before the backup"
    assert after, "and after it"

    # Onto a new machine: nothing there yet.
    copy = site_environ(tmp_path / "copy")
    restored = meridian(copy, "restore", str(archive))
    assert "1 media file(s)" in restored.stdout
    kept = set(_comments(copy))
    # Everything accepted before the backup began is in it, nothing after it.
    assert before <= kept
    assert not after & kept
    assert kept <= before | during
    assert set(_comments(live)) >= before | after
    portrait = tmp_path / "copy" / "media" / "avatars" / "portrait.png"
    assert portrait.read_bytes() == b"not really a png" * 100


def _rewrite(archive: Path, target: Path, change) -> None:
    """Copy an archive, letting `change(name, data)` alter members' bytes."""
    with tarfile.open(archive) as source, tarfile.open(target, "w:gz") as copy:
        for member in source.getmembers():
            data = source.extractfile(member).read()
            data = change(member.name, data)
            member.size = len(data)
            copy.addfile(member, io.BytesIO(data))


@pytest.fixture
def backed_up(tmp_path, settings, transactional_db):
    """An archive of a small site, made in-process by the command."""
    settings.MEDIA_ROOT = tmp_path / "media"
    (tmp_path / "media" / "site").mkdir(parents=True)
    (tmp_path / "media" / "site" / "logo.png").write_bytes(b"logo bytes")
    archive = tmp_path / "site.tar.gz"
    SiteSettings.objects.update_or_create(pk=1, defaults={"name": "As backed up"})
    call_command("backup", output=archive, stdout=io.StringIO())
    return archive


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_an_archive_whose_checksums_fail(backed_up, tmp_path):
    tampered = tmp_path / "tampered.tar.gz"
    _rewrite(
        backed_up,
        tampered,
        lambda name, data: b"other bytes" if name == "media/site/logo.png" else data,
    )
    with pytest.raises(CommandError, match=r"checksum mismatch: media/site/logo\.png"):
        call_command("restore", tampered, stdout=io.StringIO())
    assert (tmp_path / "media" / "site" / "logo.png").read_bytes() == b"logo bytes"


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_an_archive_from_a_newer_schema(backed_up, tmp_path):
    def newer(name: str, data: bytes) -> bytes:
        if name != "manifest.json":
            return data
        manifest = json.loads(data)
        manifest["migrations"]["core"].append("9999_from_the_future")
        return json.dumps(manifest).encode()

    future = tmp_path / "future.tar.gz"
    _rewrite(backed_up, future, newer)
    with pytest.raises(CommandError, match="newer schema"):
        call_command("restore", future, stdout=io.StringIO())


@pytest.mark.django_db(transaction=True)
def test_restore_puts_back_the_database_it_was_given(backed_up, tmp_path):
    site = SiteSettings.current()
    site.name = "Renamed after the backup"
    site.save()
    (tmp_path / "media" / "site" / "logo.png").write_bytes(b"a newer logo")
    out = io.StringIO()
    call_command("restore", backed_up, stdout=out)
    assert SiteSettings.objects.get().name == "As backed up"
    assert (tmp_path / "media" / "site" / "logo.png").read_bytes() == b"logo bytes"
    assert "What it replaced is kept at" in out.getvalue()
