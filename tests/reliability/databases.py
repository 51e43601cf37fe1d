"""Throwaway archives for process-level tests: a data directory plus, on the PostgreSQL run,
a database of its own on the configured server; and a fingerprint of every table."""

import hashlib
import os
import sqlite3
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

import psycopg


def postgres_server_url() -> str | None:
    url = os.environ.get("DATABASE_URL", "")
    return url if url.startswith("postgres") else None


@dataclass
class Archive:
    data_dir: Path
    database_url: str  # empty: SQLite in data_dir

    def env(self) -> dict[str, str]:
        return {"FANFOLD_DATA_DIR": str(self.data_dir), "DATABASE_URL": self.database_url}

    def table_fingerprints(self) -> dict[str, tuple[int, str]]:
        """Every table's row count and a hash of its rows in a fixed order."""
        if self.database_url:
            with psycopg.connect(self.database_url) as conn:
                names = [r[0] for r in conn.execute(
                    "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
                )]  # fmt: skip
                return {name: _fingerprint(conn.execute(_ordered(conn, name))) for name in names}
        with closing(sqlite3.connect(self.data_dir / "fanfold.sqlite3")) as conn:
            names = [r[0] for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )]  # fmt: skip
            return {name: _fingerprint(conn.execute(_ordered(conn, name))) for name in names}

    def files(self) -> dict[str, bytes]:
        media = self.data_dir / "media"
        return {str(p.relative_to(media)): p.read_bytes() for p in media.rglob("*") if p.is_file()}


def _ordered(conn, table: str) -> str:
    columns = len(conn.execute(f'SELECT * FROM "{table}" LIMIT 0').description)  # noqa: S608
    order = ", ".join(str(i) for i in range(1, columns + 1))
    return f'SELECT * FROM "{table}" ORDER BY {order}'  # noqa: S608


def _fingerprint(rows) -> tuple[int, str]:
    digest = hashlib.sha256()
    count = 0
    for row in rows:
        digest.update(repr(tuple(row)).encode())
        count += 1
    return count, digest.hexdigest()


def new_archive(data_dir: Path, suffix: str) -> Archive:
    """An empty archive; on the PostgreSQL run, a fresh database named after the configured
    one plus `suffix`, on the same server."""
    data_dir.mkdir(parents=True, exist_ok=True)
    server = postgres_server_url()
    if server is None:
        return Archive(data_dir, "")
    base, configured = server.rsplit("/", 1)
    name = f"{configured}_{suffix}"
    admin = base + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    return Archive(data_dir, f"{base}/{name}")


def drop_archive(archive: Archive) -> None:
    if archive.database_url:
        admin = archive.database_url.rsplit("/", 1)[0] + "/postgres"
        name = archive.database_url.rsplit("/", 1)[1]
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
