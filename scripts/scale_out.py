"""The scaled-out shape on one machine, for tests and trying it: a throwaway PostgreSQL 15
primary and a streaming replica (pg_basebackup), pgbouncer in transaction mode in front of both,
Redis, two app processes and nginx in front.

Everything lives in a temporary directory and listens on free loopback ports; the shared
PostgreSQL on 5432 is never touched. `python scripts/scale_out.py` brings it up and prints
the addresses until Ctrl-C; tests use `scaled_out()`.
"""

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import psycopg

PG_BIN = Path(os.environ.get("FANFOLD_PG_BIN", "/usr/lib/postgresql/15/bin"))
VENV_BIN = Path(sys.executable).parent
PGBOUNCER = "/usr/sbin/pgbouncer"
AUTHOR, PASSWORD = "scale_author", "quiet-lantern-harbour-42"
REPLICA_POOL = "fanfold_replica"  # pgbouncer's name for the replica's database
QUERY_WAIT_SECONDS = 3


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def missing_tools() -> list[str]:
    tools = [PG_BIN / "initdb", PG_BIN / "pg_basebackup", "nginx", "redis-server", PGBOUNCER]
    return [str(tool) for tool in tools if shutil.which(str(tool)) is None]


def as_postgres(command: list) -> list[str]:
    # initdb and postgres refuse to run as root.
    prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    return prefix + [str(part) for part in command]


def run(command: list, **kwargs) -> None:
    done = subprocess.run(command, capture_output=True, text=True, **kwargs)
    if done.returncode:
        raise RuntimeError(f"{command} failed:\n{done.stdout}\n{done.stderr}")


@dataclass
class ScaleOut:
    root: Path
    primary_port: int = field(default_factory=free_port)
    replica_port: int = field(default_factory=free_port)
    pooler_port: int = field(default_factory=free_port)
    redis_port: int = field(default_factory=free_port)
    app_ports: tuple[int, int] = field(default_factory=lambda: (free_port(), free_port()))
    # nginx: round robin over both apps, and one port straight to each app.
    front_port: int = field(default_factory=free_port)
    direct_ports: tuple[int, int] = field(default_factory=lambda: (free_port(), free_port()))
    processes: list[subprocess.Popen] = field(default_factory=list)
    logs: list = field(default_factory=list)

    def url(self, port: int, database: str = "fanfold") -> str:
        return f"postgres://postgres@127.0.0.1:{port}/{database}"

    @property
    def front(self) -> str:
        return f"http://127.0.0.1:{self.front_port}"

    def through_app(self, number: int) -> str:
        return f"http://127.0.0.1:{self.direct_ports[number]}"

    def app_env(self) -> dict[str, str]:
        return {
            **os.environ,
            # Writes and replica reads both go through pgbouncer in transaction mode, as in
            # production: one pooler, one pooled database name per server.
            "DATABASE_URL": self.url(self.pooler_port),
            "DATABASE_POOLER": "true",
            "DATABASE_REPLICA_URLS": self.url(self.pooler_port, REPLICA_POOL),
            "REDIS_URL": f"redis://127.0.0.1:{self.redis_port}/0",
            "FANFOLD_DATA_DIR": str(self.root / "data"),
            "FANFOLD_RATE_LIMITS": "false",
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
        }

    def pg_ctl(self, cluster: str, action: str, port: int | None = None) -> None:
        options = (
            f"-p {port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off" if port else ""
        )
        command = [PG_BIN / "pg_ctl", "-D", self.root / cluster, "-l", self.root / f"{cluster}.log"]
        command += ["-o", options] if options else []
        command += ["-m", "fast"] if action == "stop" else []
        run(as_postgres([*command, "-w", action]))

    def start_databases(self) -> None:
        primary = self.root / "primary"
        run(as_postgres([PG_BIN / "initdb", "-D", primary, "-U", "postgres", "--auth=trust", "-N"]))
        self.pg_ctl("primary", "start", self.primary_port)
        with psycopg.connect(self.url(self.primary_port).replace("/fanfold", "/postgres")) as db:
            db.autocommit = True
            db.execute("CREATE DATABASE fanfold")
        backup = [PG_BIN / "pg_basebackup", "-h", "127.0.0.1", "-p", self.primary_port]
        run(
            as_postgres(
                [*backup, "-U", "postgres", "-D", self.root / "replica", "-R", "-N", "-c", "fast"]
            )
        )
        self.pg_ctl("replica", "start", self.replica_port)

    def start_pooler(self) -> None:
        """pgbouncer in transaction mode: a server connection serves one transaction at a
        time, so the app may keep no session state (prepared statements, server cursors).

        A query on an open connection to a stopped server waits in pgbouncer's queue until
        query_wait_timeout (120 s by default), which would hold the replica's lag check, and
        the page behind it, that long; a short one makes it an error within seconds, and the
        router leaves the replica out.
        """
        (self.root / "pgbouncer-users.txt").write_text('"postgres" ""\n')
        config = f"""
[databases]
fanfold = host=127.0.0.1 port={self.primary_port} dbname=fanfold
{REPLICA_POOL} = host=127.0.0.1 port={self.replica_port} dbname=fanfold
[pgbouncer]
listen_addr = 127.0.0.1
listen_port = {self.pooler_port}
unix_socket_dir =
pool_mode = transaction
auth_type = trust
auth_file = {self.root}/pgbouncer-users.txt
max_client_conn = 200
default_pool_size = 10
admin_users = postgres
stats_period = 1
query_wait_timeout = {QUERY_WAIT_SECONDS}
"""
        (self.root / "pgbouncer.ini").write_text(config)
        self.spawn(as_postgres([PGBOUNCER, self.root / "pgbouncer.ini"]))
        deadline = time.monotonic() + 20
        while True:
            try:
                psycopg.connect(self.url(self.pooler_port), connect_timeout=2).close()
                return
            except psycopg.OperationalError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)

    def pooled_transactions(self, database: str = "fanfold") -> int:
        """Transactions pgbouncer has passed to `database` (its admin console's SHOW STATS):
        "fanfold" is the primary, REPLICA_POOL the replica."""
        psql = ["psql", "-h", "127.0.0.1", "-p", self.pooler_port, "-U", "postgres", "-At"]
        done = subprocess.run(
            [str(part) for part in [*psql, "-F", "|", "-c", "SHOW STATS", "pgbouncer"]],
            capture_output=True,
            text=True,
            check=True,
        )
        rows = [line.split("|") for line in done.stdout.splitlines()]
        return sum(int(row[1]) for row in rows if row[0] == database)

    def spawn(self, command: list, **kwargs) -> None:
        log = open(self.root / f"{Path(str(command[0])).name}-{len(self.processes)}.log", "w")  # noqa: SIM115 - closed in stop()
        self.logs.append(log)
        self.processes.append(
            subprocess.Popen(
                [str(part) for part in command],
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
                **kwargs,
            )
        )

    def start_apps(self) -> None:
        env = self.app_env()
        fanfold = VENV_BIN / "fanfold"
        run([fanfold, "migrate", "--noinput", "-v0"], env=env)  # through pgbouncer, too
        make_author = (
            "from fanfold.accounts.models import User; from django.utils import timezone; "
            f"u = User.objects.create_user('{AUTHOR}', 'a@example.org', '{PASSWORD}'); "
            "u.email_confirmed_at = timezone.now(); u.save()"
        )
        run([fanfold, "shell", "-c", make_author], env=env)
        for port in self.app_ports:
            self.spawn([fanfold, "serve", "--port", port, "--no-task-worker"], env=env)

    def start_nginx(self) -> None:
        temp = self.root / "nginx-temp"
        temp.mkdir(mode=0o1777)
        temp.chmod(0o1777)  # nginx workers run as an unprivileged user
        proxy = "proxy_set_header Host $host; proxy_set_header X-Forwarded-For $remote_addr;"
        first, second = self.app_ports
        config = f"""
daemon off; worker_processes 1; pid {self.root}/nginx.pid; error_log {self.root}/nginx.log;
events {{ worker_connections 256; }}
http {{
  access_log off;
  client_body_temp_path {temp}/body; proxy_temp_path {temp}/proxy;
  fastcgi_temp_path {temp}/fastcgi; uwsgi_temp_path {temp}/uwsgi; scgi_temp_path {temp}/scgi;
  upstream fanfold {{ server 127.0.0.1:{first}; server 127.0.0.1:{second}; }}
  server {{ listen 127.0.0.1:{self.front_port}; location / {{ proxy_pass http://fanfold; {proxy} }} }}
  server {{ listen 127.0.0.1:{self.direct_ports[0]}; location / {{ proxy_pass http://127.0.0.1:{first}; {proxy} }} }}
  server {{ listen 127.0.0.1:{self.direct_ports[1]}; location / {{ proxy_pass http://127.0.0.1:{second}; {proxy} }} }}
}}
"""
        (self.root / "nginx.conf").write_text(config)
        self.spawn(["nginx", "-c", self.root / "nginx.conf", "-p", self.root])

    def wait_until_serving(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        for base in (self.through_app(0), self.through_app(1)):
            while True:
                try:
                    with urllib.request.urlopen(base + "/works", timeout=10) as answer:
                        if answer.status == 200:
                            break
                except OSError:
                    if time.monotonic() > deadline:
                        raise
                    time.sleep(0.2)

    def stop(self) -> None:
        for process in reversed(self.processes):
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGTERM)
        for process in self.processes:
            process.wait(timeout=20)
        for log in self.logs:
            log.close()
        for cluster in ("replica", "primary"):
            if (self.root / cluster / "postmaster.pid").exists():
                self.pg_ctl(cluster, "stop")


@contextlib.contextmanager
def scaled_out() -> Iterator[ScaleOut]:
    root = Path(tempfile.mkdtemp(prefix="fanfold-scale-"))
    root.chmod(0o755)
    shutil.chown(root, "postgres") if os.geteuid() == 0 else None
    (root / "data").mkdir()
    shape = ScaleOut(root)
    try:
        shape.start_databases()
        shape.start_pooler()
        shape.spawn(
            ["redis-server", "--port", shape.redis_port, "--bind", "127.0.0.1", "--save", ""]
        )
        shape.start_apps()
        shape.start_nginx()
        shape.wait_until_serving()
        yield shape
    finally:
        shape.stop()
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    with scaled_out() as running:
        print(f"nginx: {running.front} (sign in as {AUTHOR} / {PASSWORD}); Ctrl-C stops it")
        with contextlib.suppress(KeyboardInterrupt):
            signal.pause()
