"""One-file backups: the database, the media, and a manifest to check them by.

An archive is a gzipped tar holding the database (an SQLite copy made with
SQLite's online backup API, or a `pg_dump` in its custom format), the media
files when they live on this machine, and `manifest.json`: the schema state
(every applied migration), and a sha256 for every other file. A restore checks
all of it before it touches anything, and refuses an archive from a newer
schema, whose migrations this code does not have.
"""

import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.core.files.storage import FileSystemStorage, default_storage
from django.db import connections
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

import meridian

FORMAT = 1
MANIFEST = "manifest.json"
SQLITE_FILE = "database.sqlite3"
PG_DUMP_FILE = "database.pgdump"
MEDIA_DIR = "media"


class BackupError(Exception):
    """An archive that cannot be made or must not be restored, and why."""


@dataclass
class BackupReport:
    path: Path
    database: str
    media_files: int
    size: int


@dataclass
class RestoreReport:
    database: str
    media_files: int
    set_aside: list[Path] = field(default_factory=list)
    migrated: bool = False


def _engine() -> str:
    vendor = connections["default"].vendor
    if vendor not in ("sqlite", "postgresql"):
        raise BackupError(f"Backups support SQLite and PostgreSQL, not {vendor}.")
    return vendor


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        while chunk := stream.read(1024 * 1024):
            digest.update(chunk)
    return digest.hexdigest()


def _local_media_root() -> Path | None:
    """Return the media folder when media lives on this machine, else None."""
    if isinstance(default_storage, FileSystemStorage):
        return Path(settings.MEDIA_ROOT)
    return None


# Making an archive
# ------------------------------------------------------------------------------


def _copy_sqlite(target: Path) -> dict[str, list[str]]:
    """Copy the live database with SQLite's online backup API; return its schema."""
    source = sqlite3.connect(settings.DATABASES["default"]["NAME"], timeout=30)
    copy = sqlite3.connect(target)
    try:
        with copy:
            source.backup(copy)
        rows = copy.execute("SELECT app, name FROM django_migrations").fetchall()
    finally:
        copy.close()
        source.close()
    return _group(rows)


def _pg_command(program: str) -> tuple[list[str], dict]:
    database = settings.DATABASES["default"]
    command = [program, "--no-owner", "--dbname", database["NAME"]]
    for option, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if database.get(key):
            command += [option, str(database[key])]
    environ = {**os.environ, "PGPASSWORD": database.get("PASSWORD") or ""}
    return command, environ


def _dump_postgres(target: Path) -> dict[str, list[str]]:
    """Dump the database with pg_dump; return the schema it had just before."""
    applied = MigrationRecorder(connections["default"]).applied_migrations()
    command, environ = _pg_command("pg_dump")
    _run([*command, "--format=custom", "--file", str(target)], environ)
    return _group(applied)


def _run(command: list[str], environ: dict) -> None:
    try:
        subprocess.run(command, env=environ, check=True, capture_output=True)
    except FileNotFoundError as error:
        raise BackupError(
            f"{command[0]} is not installed (PostgreSQL's client tools)."
        ) from error
    except subprocess.CalledProcessError as error:
        raise BackupError(
            f"{command[0]} failed: {error.stderr.decode(errors='replace')}"
        ) from error


def _group(pairs) -> dict[str, list[str]]:
    schema: dict[str, list[str]] = {}
    for app, name in pairs:
        schema.setdefault(app, []).append(name)
    return {app: sorted(names) for app, names in sorted(schema.items())}


def _add_bytes(tar: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(timezone.now().timestamp())
    info.mode = 0o600
    tar.addfile(info, io.BytesIO(data))


def create_backup(output: Path) -> BackupReport:
    """Write the database and media to one archive at `output`."""
    engine = _engine()
    output = output.resolve()
    output.parent.mkdir(parents=True, exist_ok=True)
    checksums: dict[str, str] = {}
    partial = output.with_name(output.name + ".partial")
    with tempfile.TemporaryDirectory(dir=output.parent) as work:
        database_name = SQLITE_FILE if engine == "sqlite" else PG_DUMP_FILE
        database_file = Path(work) / database_name
        if engine == "sqlite":
            schema = _copy_sqlite(database_file)
        else:
            schema = _dump_postgres(database_file)
        media_files = 0
        with tarfile.open(partial, "w:gz") as tar:
            checksums[database_name] = _file_sha256(database_file)
            tar.add(database_file, arcname=database_name)
            media_root = _local_media_root()
            if media_root is not None and media_root.is_dir():
                for path in sorted(media_root.rglob("*")):
                    if not path.is_file() or path.is_symlink():
                        continue
                    # Read once: the bytes hashed are the bytes stored, even if
                    # an upload replaces the file meanwhile.
                    data = path.read_bytes()
                    name = f"{MEDIA_DIR}/{path.relative_to(media_root).as_posix()}"
                    checksums[name] = _sha256(data)
                    _add_bytes(tar, name, data)
                    media_files += 1
            manifest = {
                "format": FORMAT,
                "created": timezone.now().isoformat(),
                "meridian": meridian.__version__,
                "database": {"engine": engine, "file": database_name},
                "media": "included" if media_root is not None else "object storage",
                "migrations": schema,
                "files": checksums,
            }
            _add_bytes(tar, MANIFEST, json.dumps(manifest, indent=2).encode())
    partial.replace(output)
    return BackupReport(output, engine, media_files, output.stat().st_size)


# Restoring one
# ------------------------------------------------------------------------------


def _unpack_verified(archive: Path, into: Path) -> dict:
    """Unpack `archive` into `into`; return its manifest once every check holds."""
    try:
        with tarfile.open(archive, "r:*") as tar:
            # The "data" filter refuses absolute paths, "..", links out of the
            # folder and device files.
            tar.extractall(into, filter="data")
    except (tarfile.TarError, OSError, EOFError) as error:
        raise BackupError(f"{archive} is not a readable backup: {error}") from error
    try:
        manifest = json.loads((into / MANIFEST).read_text())
    except (OSError, ValueError) as error:
        raise BackupError(f"{archive} has no readable {MANIFEST}.") from error
    if manifest.get("format") != FORMAT:
        raise BackupError(f"{archive} is in a format this Meridian cannot read.")
    listed = manifest.get("files", {})
    found = {
        path.relative_to(into).as_posix() for path in into.rglob("*") if path.is_file()
    } - {MANIFEST}
    missing = sorted(set(listed) - found)
    unlisted = sorted(found - set(listed))
    corrupt = sorted(
        name
        for name in set(listed) & found
        if _file_sha256(into / name) != listed[name]
    )
    if missing or unlisted or corrupt:
        problems = [
            f"{label}: {', '.join(names[:5])}"
            for label, names in (
                ("checksum mismatch", corrupt),
                ("missing", missing),
                ("not in the manifest", unlisted),
            )
            if names
        ]
        raise BackupError(
            f"Refusing to restore {archive}: its checksums do not hold "
            f"({'; '.join(problems)})."
        )
    return manifest


def _check_schema(manifest: dict) -> None:
    """Refuse an archive whose database has migrations this code lacks."""
    known = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    unknown = sorted(
        f"{app}.{name}"
        for app, names in manifest.get("migrations", {}).items()
        for name in names
        if (app, name) not in known
    )
    if unknown:
        raise BackupError(
            "Refusing to restore: the archive comes from a newer schema "
            f"({len(unknown)} migration(s) unknown here, first {unknown[0]}). "
            "Install the Meridian release that made it, then restore."
        )


def _set_aside(path: Path, stamp: str) -> Path:
    aside = path.with_name(f"{path.name}.before-restore-{stamp}")
    path.rename(aside)
    return aside


def _restore_sqlite(copy: Path, report: RestoreReport, stamp: str) -> None:
    live = Path(settings.DATABASES["default"]["NAME"])
    connections["default"].close()
    target = sqlite3.connect(live, timeout=30)
    try:
        if live.exists() and live.stat().st_size:
            # Keep what is being replaced, made the same safe way.
            aside = live.with_name(f"{live.name}.before-restore-{stamp}")
            kept = sqlite3.connect(aside)
            with kept:
                target.backup(kept)
            kept.close()
            report.set_aside.append(aside)
        source = sqlite3.connect(copy)
        with target:
            source.backup(target)
        source.close()
    finally:
        target.close()


def _restore_postgres(dump: Path) -> None:
    connections["default"].close()
    command, environ = _pg_command("pg_restore")
    _run(
        [*command, "--clean", "--if-exists", "--single-transaction", str(dump)],
        environ,
    )


def restore_backup(archive: Path) -> RestoreReport:
    """Check `archive` whole, then put its database and media in place."""
    engine = _engine()
    archive = archive.resolve()
    stamp = timezone.now().strftime("%Y%m%dT%H%M%S")
    with tempfile.TemporaryDirectory(dir=settings.DATA_DIR) as work:
        unpacked = Path(work)
        manifest = _unpack_verified(archive, unpacked)
        _check_schema(manifest)
        archived_engine = manifest["database"]["engine"]
        if archived_engine != engine:
            raise BackupError(
                f"Refusing to restore: the archive holds a {archived_engine} "
                f"database and this site uses {engine}."
            )
        report = RestoreReport(database=engine, media_files=0)
        database_file = unpacked / manifest["database"]["file"]
        if engine == "sqlite":
            _restore_sqlite(database_file, report, stamp)
        else:
            _restore_postgres(database_file)
        media = unpacked / MEDIA_DIR
        media_root = _local_media_root()
        if media_root is not None and manifest.get("media") == "included":
            if media_root.exists() and any(media_root.iterdir()):
                report.set_aside.append(_set_aside(media_root, stamp))
            media_root.parent.mkdir(parents=True, exist_ok=True)
            if media.is_dir():
                shutil.move(str(media), media_root)
                report.media_files = sum(
                    1 for p in media_root.rglob("*") if p.is_file()
                )
            else:
                media_root.mkdir(exist_ok=True)
    # Cached pages and settings describe the replaced content.
    cache.clear()
    return report
