"""Backups of the whole archive in one tar file: the database (SQLite's online backup API, or
pg_dump's custom format) and every uploaded file, with a manifest; and restoring one."""

import hashlib
import io
import json
import os
import re
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.utils import timezone

FORMAT_VERSION = 1
DATABASE_MEMBER = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}

Progress = Callable[[str], None]


class BackupError(Exception):
    """A backup or restore that cannot go ahead; the message says why and what to do."""


def create_backup(target: Path, progress: Progress) -> dict:
    """Writes the archive to `target` (a .tar file) and returns its manifest."""
    engine = connection.vendor
    if engine not in DATABASE_MEMBER:
        raise BackupError(f"Backups support SQLite and PostgreSQL, not {engine}.")
    with tempfile.TemporaryDirectory(dir=target.parent) as scratch:
        dump = Path(scratch) / DATABASE_MEMBER[engine]
        progress(f"Copying the {engine} database…")
        _dump_sqlite(dump) if engine == "sqlite" else _dump_postgresql(dump)
        media = _media_files()
        manifest = {
            "format": FORMAT_VERSION,
            "engine": engine,
            "created": timezone.now().isoformat(),
            "database_bytes": dump.stat().st_size,
            "files": {name: _sha256(path) for name, path in media.items()},
        }
        progress(f"Database: {dump.stat().st_size:,} bytes. Adding {len(media)} uploaded files…")
        partial = target.with_name(target.name + ".partial")
        with tarfile.open(partial, "w") as archive:
            _add_bytes(archive, "manifest.json", json.dumps(manifest, indent=1).encode())
            archive.add(dump, arcname=dump.name)
            for name, path in media.items():
                archive.add(path, arcname=f"media/{name}")
        partial.replace(target)  # a half-written backup never carries the final name
    progress(f"Backup written to {target} ({target.stat().st_size:,} bytes).")
    return manifest


def restore_backup(source: Path, *, force: bool, progress: Progress) -> dict:
    """Replaces the configured database and uploaded files with the backup's."""
    with _open_tar(source) as archive, tempfile.TemporaryDirectory() as scratch:
        manifest = _read_manifest(archive, source)
        _check_target(manifest["engine"], force)
        progress(f"Unpacking {source}…")
        archive.extractall(scratch, filter="data")
        _verify_media(Path(scratch) / "media", manifest["files"])
        dump = Path(scratch) / DATABASE_MEMBER[manifest["engine"]]
        progress(f"Restoring the {manifest['engine']} database…")
        connection.close()
        if manifest["engine"] == "sqlite":
            _restore_sqlite(dump)
        else:
            _restore_postgresql(dump)
        progress(f"Restoring {len(manifest['files'])} uploaded files…")
        _restore_media(Path(scratch) / "media", manifest["files"])
    progress("Restore complete.")
    return manifest


def _open_tar(source: Path) -> tarfile.TarFile:
    try:
        return tarfile.open(source)
    except (OSError, tarfile.TarError) as error:
        raise BackupError(f"{source} is not a readable Fanfold backup: {error}") from error


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _media_files() -> dict[str, Path]:
    root = Path(settings.MEDIA_ROOT)
    if not root.exists():
        return {}
    return {str(p.relative_to(root)): p for p in sorted(root.rglob("*")) if p.is_file()}


def _add_bytes(archive: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(timezone.now().timestamp())
    archive.addfile(info, fileobj=io.BytesIO(data))


def _sqlite_path() -> str:
    return str(settings.DATABASES["default"]["NAME"])


def _dump_sqlite(dump: Path) -> None:
    # The online backup API copies a consistent snapshot while the archive keeps serving.
    with closing(sqlite3.connect(_sqlite_path())) as live, closing(sqlite3.connect(dump)) as copy:
        live.backup(copy, pages=4096)


def _restore_sqlite(dump: Path) -> None:
    with closing(sqlite3.connect(dump)) as saved, closing(sqlite3.connect(_sqlite_path())) as live:
        saved.backup(live, pages=4096)


def _postgres_url() -> str:
    db = settings.DATABASES["default"]
    auth = db["USER"] + (f":{db['PASSWORD']}" if db.get("PASSWORD") else "")
    return f"postgresql://{auth}@{db['HOST'] or 'localhost'}:{db['PORT'] or 5432}/{db['NAME']}"


def _tool(name: str) -> str:
    """pg_dump or pg_restore, refused when its major version is not the server's."""
    path = shutil.which(name)
    if path is None:
        raise BackupError(f"{name} is not installed (Debian: apt-get install postgresql-client).")
    version = subprocess.run([path, "--version"], capture_output=True, text=True, check=True)  # noqa: S603
    found = re.search(r"(\d+)\.\d+", version.stdout)
    tool_major = int(found.group(1)) if found else 0
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version_num")
        server_major = int(cursor.fetchone()[0]) // 10000
    if tool_major != server_major:
        raise BackupError(
            f"{name} is version {tool_major} but the server runs PostgreSQL {server_major}; "
            f"install postgresql-client-{server_major}."
        )
    return path


def _run(command: list[str], what: str) -> None:
    result = subprocess.run(command, capture_output=True, text=True)  # noqa: S603
    if result.returncode != 0:
        raise BackupError(f"{what} failed: {result.stderr.strip()[-2000:]}")


def _dump_postgresql(dump: Path) -> None:
    _run(
        [_tool("pg_dump"), "--format=custom", "--no-owner", f"--file={dump}", _postgres_url()],
        "pg_dump",
    )


def _restore_postgresql(dump: Path) -> None:
    tool = _tool("pg_restore")
    # One transaction: a restore that fails half-way leaves the database as it was.
    _run(
        [tool, "--clean", "--if-exists", "--no-owner", "--single-transaction",
         f"--dbname={_postgres_url()}", str(dump)],
        "pg_restore",
    )  # fmt: skip


def _read_manifest(archive: tarfile.TarFile, source: Path) -> dict:
    try:
        member = archive.extractfile("manifest.json")
        manifest = json.loads(member.read()) if member else None
    except (KeyError, ValueError, tarfile.TarError) as error:
        raise BackupError(f"{source} has no readable manifest.json: {error}") from error
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT_VERSION:
        raise BackupError(f"{source} is not a Fanfold backup of format {FORMAT_VERSION}.")
    if manifest.get("engine") not in DATABASE_MEMBER:
        raise BackupError(f"{source} names an unknown database engine.")
    return manifest


def _check_target(engine: str, force: bool) -> None:
    if engine != connection.vendor:
        raise BackupError(
            f"This backup holds a {engine} database but the archive is configured for "
            f"{connection.vendor} (DATABASE_URL); restore it into a {engine} database."
        )
    accounts = _account_count()
    if accounts and not force:
        raise BackupError(
            f"The database already holds {accounts} accounts; restoring would replace them. "
            "Run again with --force to replace everything."
        )


def _account_count() -> int:
    from fanfold.accounts.models import User

    if "accounts_user" not in connection.introspection.table_names():
        return 0
    return User.objects.count()


def _verify_media(unpacked: Path, files: dict[str, str]) -> None:
    for name, digest in files.items():
        path = unpacked / name
        if not path.is_file() or _sha256(path) != digest:
            raise BackupError(f"The backup's copy of {name} is missing or damaged.")


def _restore_media(unpacked: Path, files: dict[str, str]) -> None:
    """Swaps the uploaded files folder for the backup's (files not in the backup go)."""
    root = Path(settings.MEDIA_ROOT)
    replaced = root.with_name(root.name + ".before-restore")
    shutil.rmtree(replaced, ignore_errors=True)
    if root.exists():
        os.replace(root, replaced)
    if unpacked.exists():
        shutil.copytree(unpacked, root)
    else:
        root.mkdir(parents=True)
    shutil.rmtree(replaced, ignore_errors=True)
