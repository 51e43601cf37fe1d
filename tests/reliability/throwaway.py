"""A PostgreSQL cluster and a redis-server of the test's own (a temporary directory, free
loopback ports; never the shared servers), which the crash harness kills with SIGKILL and
starts again."""

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import psycopg
from scripts.scale_out import PG_BIN, as_postgres, run

from tests.reliability.served import descendants_of, free_port


def missing_tools() -> list[str]:
    tools = [str(PG_BIN / "initdb"), "redis-server", "redis-cli"]
    return [tool for tool in tools if shutil.which(tool) is None]


def private_directory(prefix: str) -> Path:
    """A temporary directory the postgres user may write (initdb refuses to run as root)."""
    root = Path(tempfile.mkdtemp(prefix=prefix))
    root.chmod(0o755)
    if os.geteuid() == 0:
        shutil.chown(root, "postgres")
    return root


@dataclass
class Postgres:
    root: Path
    port: int = field(default_factory=free_port)

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/fanfold"

    def create(self) -> None:
        cluster = self.root / "cluster"
        run(as_postgres([PG_BIN / "initdb", "-D", cluster, "-U", "postgres", "--auth=trust", "-N"]))
        self.start()
        with psycopg.connect(self.url.replace("/fanfold", "/postgres"), autocommit=True) as db:
            db.execute("CREATE DATABASE fanfold")

    def start(self) -> None:
        # fsync off: these kills stop processes, not the machine, so the OS keeps what was written.
        options = f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off"
        command = [PG_BIN / "pg_ctl", "-D", self.root / "cluster", "-l", self.root / "pg.log"]
        run(as_postgres([*command, "-o", options, "-t", "120", "-w", "start"]))

    def postmaster(self) -> int:
        return int((self.root / "cluster" / "postmaster.pid").read_text().split()[0])

    def kill(self) -> None:
        """SIGKILL to the postmaster and every backend (as when the machine's OOM killer or an
        operator's kill -9 takes PostgreSQL down); the next start replays the WAL."""
        postmaster = self.postmaster()
        for pid in [postmaster, *descendants_of(postmaster)]:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        while Path(f"/proc/{postmaster}").exists():
            time.sleep(0.05)

    def stop(self) -> None:
        if (self.root / "cluster" / "postmaster.pid").exists():
            command = [PG_BIN / "pg_ctl", "-D", self.root / "cluster", "-m", "immediate", "stop"]
            subprocess.run(as_postgres(command), capture_output=True, check=False)


@dataclass
class Redis:
    """Every write on disk before Redis answers (appendfsync always), so a kill loses nothing
    acknowledged; docs/operations.md says what lighter settings lose."""

    root: Path
    port: int = field(default_factory=free_port)
    process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1",
             "--dir", str(self.root), "--appendonly", "yes", "--appendfsync", "always",
             "--save", ""],
            stdout=subprocess.DEVNULL,
        )  # fmt: skip
        ping = ["redis-cli", "-p", str(self.port), "ping"]
        deadline = time.monotonic() + 60
        while b"PONG" not in subprocess.run(ping, capture_output=True).stdout:
            assert time.monotonic() < deadline, "redis-server did not start"
            time.sleep(0.1)

    def kill(self) -> None:
        assert self.process is not None
        self.process.kill()
        self.process.wait()

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=30)
