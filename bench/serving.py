"""Pages served by `fanfold serve --workers 2`, beside a static file from the same server.

Builds (once) a synthetic archive, starts the real server with rate limits lifted, and runs
Debian's wrk against the work page (a new guest each request, so every request counts a hit;
and a signed-in reader), the works listing with facets, a fandom's listing, the front page,
and the listing for a signed-in reader (never cached). Prints req/s, p50 and p99 beside the
static file measured in the same run, the server's CPU time per request (web workers and
task worker together), and the goals. The machine is shared: figures vary.

Usage: bench/serving.py [--backend sqlite|postgres|both] [--works 100000] [--duration 10]
PostgreSQL uses its own database (FANFOLD_BENCH_SERVING_DATABASE_URL, default
fanfold_scale_bench) and Redis (FANFOLD_BENCH_SERVING_REDIS_URL, default db 7).
"""

import argparse
import contextlib
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
PG_URL = os.environ.get(
    "FANFOLD_BENCH_SERVING_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/fanfold_scale_bench"
)
REDIS_URL = os.environ.get("FANFOLD_BENCH_SERVING_REDIS_URL", "redis://127.0.0.1:6379/7")
READER = "bench_reader"
# page -> (requests/s goal, signed in)
GOALS = {
    "static file (baseline)": (None, False),
    "work page, new guest each request": (1500, False),
    "work page, signed-in reader": (500, True),
    "/works listing with facets, guests": (300, False),
    "fandom listing with facets, guests": (300, False),
    "front page, guests": (None, False),
    "/works listing, signed-in reader": (300, True),
}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fanfold(env: dict, *args: str) -> str:
    done = subprocess.run(
        [str(VENV_BIN / "fanfold"), *args], env=env, capture_output=True, text=True, check=True
    )
    return done.stdout


def ensure_postgres_database(url: str) -> None:
    name = url.rsplit("/", 1)[1]
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as admin:
        if not admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            admin.execute(f'CREATE DATABASE "{name}"')


def prepare(env: dict, works: int) -> dict[str, str]:
    """Migrates, adds synthetic works up to `works`, and returns the URLs and a session."""
    fanfold(env, "migrate", "--noinput", "-v0")
    script = f"""
import sys
from django.contrib.auth import get_user_model
from django.contrib.sessions.backends.db import SessionStore
from django.db.models import Count
from fanfold.tags.models import Tag
from fanfold.works.models import Work
have = Work.objects.filter(posted=True).count()
if have < {works}:
    from django.core.management import call_command
    call_command("synth", works={works} - have, seed=have + 1)
reader, _ = get_user_model().objects.get_or_create(
    username="{READER}", defaults={{"email": "reader@example.org"}})
session = SessionStore()
session["_auth_user_id"] = str(reader.pk)
session["_auth_user_backend"] = "fanfold.accounts.backends.ArchiveBackend"
session["_auth_user_hash"] = reader.get_session_auth_hash()
session.create()
general = Tag.objects.get(name="General Audiences")
work = Work.objects.filter(
    posted=True, restricted=False, hidden_by_admin=False, unrevealed=False,
    chapter_count=1, taggings__tag=general).order_by("-id").first()
fandom = (Tag.objects.filter(type="Fandom").annotate(n=Count("filter_taggings"))
          .order_by("-n").first())
print(work.get_absolute_url(), fandom.name, session.session_key, sep="\\n")
"""
    work_url, fandom, session_key = fanfold(env, "shell", "-c", script).split("\n")[-4:-1]
    return {"work": work_url, "fandom": fandom, "session": session_key}


@contextlib.contextmanager
def serving(env: dict, port: int) -> Iterator[subprocess.Popen]:
    server = subprocess.Popen(
        [str(VENV_BIN / "fanfold"), "serve", "--workers", "2", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        yield server
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


def warm_up(base: str, paths: list[str], cookie: str) -> None:
    """Both workers build their filter index on their first listing; wait until they have."""
    deadline = time.monotonic() + 600
    while True:
        try:
            slowest = 0.0
            for path in paths * 4:
                for headers in ({}, {"Cookie": cookie}):
                    started = time.monotonic()
                    request = urllib.request.Request(base + path, headers=headers)
                    with urllib.request.urlopen(request, timeout=300) as answer:
                        answer.read()
                    slowest = max(slowest, time.monotonic() - started)
            if slowest < 1.0:
                return
        except OSError:
            time.sleep(0.5)
        if time.monotonic() > deadline:
            raise SystemExit("the server did not come up within 10 minutes")


def server_cpu_seconds(session: int) -> float:
    """CPU time so far of every process the server started (they share its session)."""
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError):
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if int(fields[3]) == session:
                total += int(fields[11]) + int(fields[12])  # utime + stime, in clock ticks
    return total / os.sysconf("SC_CLK_TCK")


def wrk(url: str, duration: int, connections: int, cookie: str | None) -> tuple[float, str, str]:
    command = ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--latency", url]
    if cookie:
        command[1:1] = ["-H", f"Cookie: {cookie}"]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    p50 = re.search(r"^\s+50%\s+(\S+)", output, re.MULTILINE).group(1)
    p99 = re.search(r"^\s+99%\s+(\S+)", output, re.MULTILINE).group(1)
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if errors:
        p99 += f" ({errors.group(1)} non-2xx)"
    return rate, p50, p99


def run(backend: str, works: int, duration: int, connections: int, port: int) -> None:
    env = {**os.environ, "FANFOLD_RATE_LIMITS": "false", "DEBUG": "false"}
    if backend == "sqlite":
        data_dir = Path(os.environ.get("FANFOLD_BENCH_SERVING_DATA_DIR", ROOT / "var/bench"))
        env.update(FANFOLD_DATA_DIR=str(data_dir), DATABASE_URL="", REDIS_URL="")
    else:
        ensure_postgres_database(PG_URL)
        env.update(DATABASE_URL=PG_URL, REDIS_URL=REDIS_URL)
        env.setdefault("FANFOLD_DATA_DIR", str(ROOT / "var/bench-pg"))
    started = time.monotonic()
    found = prepare(env, works)
    print(f"\n== {backend}: {works:,} works ready in {time.monotonic() - started:.0f} s")
    cookie = f"sessionid={found['session']}"
    fandom_path = "/tags/" + urllib.request.quote(found["fandom"]) + "/works"
    pages = {
        "static file (baseline)": "/static/css/fanfold.css",
        "work page, new guest each request": found["work"],
        "work page, signed-in reader": found["work"],
        "/works listing with facets, guests": "/works",
        "fandom listing with facets, guests": fandom_path,
        "front page, guests": "/",
        "/works listing, signed-in reader": "/works",
    }
    port = port or free_port()
    base = f"http://127.0.0.1:{port}"
    with serving(env, port) as server:
        warm_up(base, sorted(set(pages.values())), cookie)
        print(f"wrk -t2 -c{connections} -d{duration}s, `fanfold serve --workers 2`, same run")
        print(f"load average {' '.join(f'{load:.2f}' for load in os.getloadavg())}")
        print(
            f"{'page':36} {'req/s':>6} {'vs static':>9} {'p50':>9} {'p99':>18} {'CPU/req':>8}  goal"
        )
        static_rate = 0.0
        for name, path in pages.items():
            goal, signed_in = GOALS[name]
            cpu_before = server_cpu_seconds(server.pid)
            rate, p50, p99 = wrk(base + path, duration, connections, cookie if signed_in else None)
            cpu = (server_cpu_seconds(server.pid) - cpu_before) / max(rate * duration, 1) * 1000
            static_rate = static_rate or rate  # the first row is the static file
            verdict = "" if goal is None else f"≥ {goal} {'met' if rate >= goal else 'MISSED'}"
            share = f"{rate / static_rate:.0%}"
            print(f"{name:36} {rate:6.0f} {share:>9} {p50:>9} {p99:>18} {cpu:6.1f}ms  {verdict}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--works", type=int, default=100_000)
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument(
        "--port", type=int, default=0, help="the server's port (default: a free one)"
    )
    options = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is missing: apt-get install wrk")
    backends = ["sqlite", "postgres"] if options.backend == "both" else [options.backend]
    for backend in backends:
        run(backend, options.works, options.duration, options.connections, options.port)


if __name__ == "__main__":
    main()
