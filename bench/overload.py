"""Overload: the capacity of the work page, a listing, posting and commenting, then twice that.

For each, wrk (Debian's, loopback only, bounded in time) first finds capacity with a few
connections, then offers twice that rate over many paced connections. Every answer must be a
page (2xx/3xx), a 429 or a 503 with Retry-After; none may take longer than the queue budget plus
a render; afterwards single requests must be back to their unloaded speed within seconds.
Usage: bench/overload.py [--seconds 8] [--postgres URL --redis URL]. Exits 1 on a broken rule.
"""

import argparse
import http.cookiejar
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

import psycopg

BENCH = Path(__file__).resolve().parent
FANFOLD = str(Path(sys.executable).with_name("fanfold"))
QUEUE_MS = 2000
BUDGET_MS = QUEUE_MS + 1500  # the queue wait plus one slow render on a shared machine
DEMO_USER, DEMO_PASSWORD = "ink_and_ivy", "fanfold-demo-reader"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fresh_postgres_database(server: str) -> str:
    """`<the URL's database>_overload` on that server: developers sharing a server never meet."""
    base, configured = server.rsplit("/", 1)
    name = f"{configured}_overload"
    with psycopg.connect(base + "/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
    return f"{base}/{name}"


class Archive:
    """A demo archive served by `fanfold serve` on a free port, signed in as a demo reader."""

    def __init__(self, data_dir: Path, database_url: str, redis_url: str) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = {
            **os.environ,
            "FANFOLD_DATA_DIR": str(data_dir),
            "DATABASE_URL": database_url,
            "REDIS_URL": redis_url,
            "PYTHONPATH": str(BENCH),
            "DJANGO_SETTINGS_MODULE": "overload_site.settings",
            "FANFOLD_REQUEST_QUEUE_MS": str(QUEUE_MS),
        }
        for step in (["migrate", "-v0"], ["demo"]):
            subprocess.run([FANFOLD, *step], env=self.env, check=True, capture_output=True)  # noqa: S603
        self.server = subprocess.Popen(  # noqa: S603 - our own CLI
            [FANFOLD, "serve", "--port", str(self.port)], env=self.env, stdout=subprocess.DEVNULL
        )
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))
        self._wait_until_serving()
        self._sign_in()

    def _wait_until_serving(self) -> None:
        for _ in range(300):
            try:
                self.opener.open(self.url + "/works", timeout=10).read()
                return
            except OSError:
                time.sleep(0.2)
        raise SystemExit("fanfold serve did not start")

    def cookie(self, name: str) -> str:
        return next(c.value for c in self.jar if c.name == name and c.value)

    def _sign_in(self) -> None:
        self.opener.open(self.url + "/users/login").read()
        form = {"username": DEMO_USER, "password": DEMO_PASSWORD}
        self.post("/users/login", form)

    def post(self, path: str, form: dict) -> str:
        data = urllib.parse.urlencode({**form, "csrfmiddlewaretoken": self.cookie("csrftoken")})
        request = urllib.request.Request(self.url + path, data.encode(), method="POST")  # noqa: S310
        request.add_header("Referer", self.url + path)
        return self.opener.open(request).read().decode()

    def get(self, path: str) -> str:
        return self.opener.open(self.url + path).read().decode()

    def stop(self) -> None:
        self.server.terminate()
        self.server.wait(timeout=60)


def scenarios(archive: Archive) -> dict[str, dict[str, str]]:
    work = re.search(r'href="/works/(\d+)"', archive.get("/works")).group(1)  # type: ignore[union-attr]
    pseud = re.search(r'name="pseuds" value="(\d+)"', archive.get("/works/new")).group(1)  # type: ignore[union-attr]
    new_work = {
        "title": "Load Test Lantern",
        "pseuds": pseud,
        "rating": "General Audiences",
        "warnings": "No Archive Warnings Apply",
        "fandoms": "Original Work",
        "freeforms": "Testing",
        "language": "en",
        "expected_chapters": "1",
        "comment_permission": "users",
        "chapter-body": "A lantern swung in the harbour wind.",
        "post": "Post",
    }
    csrf = archive.cookie("csrftoken")
    signed_in = {
        "COOKIE": f"sessionid={archive.cookie('sessionid')}; csrftoken={csrf}",
        "CSRF": csrf,
    }
    return {
        "work page": {"URL_PATH": f"/works/{work}"},
        "listing": {"URL_PATH": "/works?work_search%5Bsort_column%5D=kudos_count"},
        "posting": {
            "METHOD": "POST",
            "URL_PATH": "/works/new",
            "BODY": urllib.parse.urlencode(new_work),
            "REFERER": archive.url + "/works/new",
            **signed_in,
        },
        "commenting": {
            "METHOD": "POST",
            "URL_PATH": f"/works/{work}/comments",
            "BODY": urllib.parse.urlencode({"body": "What a lovely lantern."}),
            "REFERER": archive.url + f"/works/{work}",
            **signed_in,
        },
    }


def wrk(archive: Archive, shape: dict[str, str], *, connections: int, seconds: int, pace_ms=0):
    command = [
        "wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "30s",
        "-s", str(BENCH / "overload.lua"), archive.url,
    ]  # fmt: skip
    env = {**os.environ, **shape, "PACE_MS": str(pace_ms)}
    wrk_run = subprocess.run(command, env=env, capture_output=True, text=True, check=True)  # noqa: S603
    output = wrk_run.stdout
    result: dict = {"status": {}}
    for line in output.splitlines():
        parts = line.split()
        if parts[:1] == ["status"]:
            result["status"][parts[1]] = result["status"].get(parts[1], 0) + int(parts[2])
        elif len(parts) == 2 and parts[0] in {"socket_errors", "duration_s", "p99_ms", "max_ms"}:
            result[parts[0]] = float(parts[1])
    pages = sum(n for code, n in result["status"].items() if code[0] in "23")
    result["pages_per_s"] = pages / result["duration_s"]
    return result


def single_request_ms(archive: Archive, shape: dict[str, str]) -> float:
    path = shape["URL_PATH"] if shape.get("METHOD", "GET") == "GET" else "/works"
    started = time.monotonic()
    try:
        archive.opener.open(archive.url + path, timeout=30).read()
    except OSError:
        return float("inf")
    return (time.monotonic() - started) * 1000


def recovery_seconds(archive: Archive, shape: dict[str, str], unloaded_ms: float) -> float:
    """Seconds after the load stops until three requests in a row are at unloaded speed."""
    started, in_a_row = time.monotonic(), 0
    while in_a_row < 3 and time.monotonic() - started < 60:
        in_a_row = in_a_row + 1 if single_request_ms(archive, shape) <= 2 * unloaded_ms else 0
    return time.monotonic() - started


def measure(archive: Archive, name: str, shape: dict[str, str], seconds: int) -> list[str]:
    """Runs one scenario; returns its broken rules (empty when it behaved)."""
    unloaded = statistics.median(single_request_ms(archive, shape) for _ in range(7))
    capacity = wrk(archive, shape, connections=4, seconds=seconds)["pages_per_s"]
    # Paced connections offer twice the capacity; enough of them that each waits about a second.
    connections = int(min(64, max(8, 2 * capacity)))
    pace_ms = int(connections * 1000 / (2 * capacity))
    overload = wrk(archive, shape, connections=connections, seconds=seconds, pace_ms=pace_ms)
    recovered = recovery_seconds(archive, shape, unloaded)
    after = wrk(archive, shape, connections=4, seconds=max(2, seconds // 2))["pages_per_s"]
    mix = ", ".join(f"{code}: {n}" for code, n in sorted(overload["status"].items()))
    print(
        f"{name:<11} capacity {capacity:7.1f}/s | at 2x ({connections} conns, {pace_ms} ms pace): "
        f"{mix}; socket errors {overload['socket_errors']:.0f}; p99 {overload['p99_ms']:.0f} ms, "
        f"max {overload['max_ms']:.0f} ms | recovered in {recovered:.1f} s, then {after:.1f}/s"
    )
    # A page, or 429/503 with Retry-After (an answer without one is counted under its own key).
    broken = [
        f"{name}: {n} answers {code}"
        for code, n in overload["status"].items()
        if code[0] not in "23" and code not in {"429", "503"}
    ]
    if overload["max_ms"] > BUDGET_MS:
        broken.append(f"{name}: an answer took {overload['max_ms']:.0f} ms > {BUDGET_MS} ms")
    if overload["socket_errors"]:
        broken.append(f"{name}: {overload['socket_errors']:.0f} socket errors")
    if recovered > 10:
        broken.append(f"{name}: took {recovered:.1f} s to recover")
    return broken


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=int, default=8, help="per wrk run")
    parser.add_argument(
        "--postgres", help="a PostgreSQL URL; creates <its database>_overload beside it"
    )
    parser.add_argument("--redis", default="", help="a Redis URL (with --postgres)")
    parser.add_argument("--only", help="one scenario: work page, listing, posting, commenting")
    args = parser.parse_args()
    database = fresh_postgres_database(args.postgres) if args.postgres else ""
    label = "PostgreSQL + Redis" if args.postgres else "SQLite"
    print(f"== Overload on {label}; queue budget {QUEUE_MS} ms; machine shared, figures noisy")
    with tempfile.TemporaryDirectory() as data_dir:
        archive = Archive(Path(data_dir), database, args.redis)
        try:
            broken = []
            for name, shape in scenarios(archive).items():
                if args.only in (None, name):
                    broken += measure(archive, name, shape, args.seconds)
        finally:
            archive.stop()
    for rule in broken:
        print("BROKEN:", rule)
    sys.exit(1 if broken else 0)


if __name__ == "__main__":
    main()
