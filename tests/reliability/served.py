"""A real `fanfold serve` in a subprocess on a free loopback port, with its own data directory."""

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
FANFOLD = str(Path(sys.executable).with_name("fanfold"))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def children_of(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except FileNotFoundError:
        return []
    return [int(child) for child in text.split()]


def descendants_of(pid: int) -> list[int]:
    found = []
    for child in children_of(pid):
        found += [child, *descendants_of(child)]
    return found


def command_line(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except FileNotFoundError:
        return ""


def is_alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return False
    return state != "Z"


def environment(data_dir: Path, **extra: str) -> dict[str, str]:
    env = {
        **os.environ,
        "FANFOLD_DATA_DIR": str(data_dir),
        "DATABASE_URL": "",
        "REDIS_URL": "",
        "PYTHONPATH": str(REPO),
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env.update(extra)
    return env


def migrated_data_dir(template: Path, target: Path) -> Path:
    """A copy of a migrated SQLite data directory (migrating costs seconds; copying does not)."""
    if not (template / "fanfold.sqlite3").exists():
        subprocess.run(
            [FANFOLD, "migrate", "-v0"], env=environment(template), check=True, timeout=900
        )
    shutil.copytree(template, target)
    return target


@dataclass
class Served:
    process: subprocess.Popen
    port: int
    log_path: Path
    pids_seen: set[int] = field(default_factory=set)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def get(self, path: str, timeout: float = 10) -> tuple[int, bytes]:
        try:
            with urllib.request.urlopen(self.url + path, timeout=timeout) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.read()

    def wait_until_serving(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and self.process.poll() is None:
            try:
                if self.get("/works", timeout=5)[0] == 200:
                    return
            except (OSError, urllib.error.URLError):
                pass
            time.sleep(0.2)
        raise AssertionError(f"fanfold serve did not answer within {timeout} s:\n{self.log()}")

    def web_main(self) -> int:
        return next(p for p in children_of(self.process.pid) if "granian" in command_line(p))

    def web_workers(self) -> list[int]:
        return children_of(self.web_main())

    def task_worker(self) -> int:
        return next(p for p in children_of(self.process.pid) if "db_worker" in command_line(p))

    def all_pids(self) -> list[int]:
        return [self.process.pid, *descendants_of(self.process.pid)]

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=40)
            except subprocess.TimeoutExpired:
                for pid in self.all_pids():
                    os.kill(pid, signal.SIGKILL)


def serve(data_dir: Path, *args: str, **env: str) -> Served:
    port = free_port()
    log_path = data_dir / "serve.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [FANFOLD, "serve", "--port", str(port), *args],
            env=environment(data_dir, **env),
            stdout=log,
            stderr=subprocess.STDOUT,
            cwd=REPO,
        )
    served = Served(process, port, log_path)
    try:
        # The first listing builds the filter index: minutes on a machine shared by a team.
        served.wait_until_serving(timeout=300)
    except AssertionError:
        served.stop()  # else it outlives the test
        raise
    return served


# These tests start their own SQLite archive in subprocesses whatever the suite's database, so
# they run once, in the SQLite run, instead of twice.
once_per_suite = pytest.mark.skipif(
    bool(os.environ.get("DATABASE_URL")), reason="runs in the SQLite run (its own archive)"
)
