"""The API beside the HTML pages it mirrors: requests per second on `fanfold serve --workers 2`.

Makes a throwaway SQLite archive of synthetic works, serves it with granian (2 workers), and
runs wrk against the works listing and one work, as HTML and as JSON, in one run. The machine
is shared, so figures move 10-20 % from run to run; compare the rows of one run with each other.
Usage: bench/api.py [--works 2000] [--seconds 10] [--connections 8] [--port 8105]
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

VENV_BIN = Path(sys.executable).parent


def fanfold(env: dict, *args: str) -> None:
    command = [str(VENV_BIN / "fanfold"), *args]
    subprocess.run(command, env=env, check=True, capture_output=True)  # noqa: S603 - our own CLI


def first_public_work(env: dict) -> int:
    code = (
        "import django; django.setup(); from fanfold.works.models import Work; "
        "print(Work.objects.filter(posted=True, restricted=False, hidden_by_admin=False, "
        "unrevealed=False).order_by('id').values_list('id', flat=True).first())"
    )
    command = [sys.executable, "-c", code]
    out = subprocess.run(command, env=env, check=True, capture_output=True)  # noqa: S603 - fixed code
    return int(out.stdout.strip())


def wait_for(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5):  # noqa: S310 - our own loopback server
                return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"the server did not answer {url}")


def wrk(url: str, seconds: int, connections: int) -> tuple[float, str, str]:
    command = [
        "wrk",
        "-t2",
        f"-c{connections}",
        f"-d{seconds}s",
        "--timeout",
        "30s",
        "--latency",
        url,
    ]
    # Debian's wrk from PATH, against our own loopback server.
    out = subprocess.run(command, check=True, capture_output=True, text=True).stdout  # noqa: S603
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p99 = re.search(r"99%\s+(\S+)", out).group(1)
    failed = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors = re.search(r"Socket errors: (.*)", out)
    return (
        rate,
        p99,
        (failed.group(1) if failed else "0") + (f" ({errors.group(1)})" if errors else ""),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--works", type=int, default=2000)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--port", type=int, default=8105)
    options = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed (apt-get install wrk)")
    data = Path(tempfile.mkdtemp(prefix="fanfold-bench-api-"))
    env = {
        **os.environ, "FANFOLD_DATA_DIR": str(data), "DATABASE_URL": "", "REDIS_URL": "",
        "DJANGO_SETTINGS_MODULE": "api_settings",
        "PYTHONPATH": str(Path(__file__).parent) + os.pathsep + os.environ.get("PYTHONPATH", ""),
    }  # fmt: skip
    print(f"Preparing {options.works:,} synthetic works in {data} …", flush=True)
    fanfold(env, "migrate", "--noinput")
    fanfold(env, "synth", "--works", str(options.works))
    work_id = first_public_work(env)
    server = subprocess.Popen(  # noqa: S603 - our own CLI
        [str(VENV_BIN / "fanfold"), "serve", "--workers", "2", "--port", str(options.port),
         "--no-task-worker"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    base = f"http://127.0.0.1:{options.port}"
    pages = [
        ("works listing, HTML", "/works"),
        ("works listing, API", "/api/v1/works"),
        ("one work, HTML", f"/works/{work_id}"),
        ("one work, API", f"/api/v1/works/{work_id}"),
        ("new works, OPDS", "/opds/works/new"),
    ]
    try:
        wait_for(base + "/api/v1/works")
        for _, path in pages:  # warm both workers: index built, templates compiled
            for _ in range(4):
                urllib.request.urlopen(base + path, timeout=30).read()  # noqa: S310 - loopback
        print(f"wrk -t2 -c{options.connections} -d{options.seconds}s, granian 2 workers, SQLite, "
              f"{options.works:,} works (shared machine: expect 10-20 % noise)")  # fmt: skip
        print(f"{'page':<22} {'req/s':>8} {'p99':>9}  non-2xx (socket errors)")
        for label, path in pages:
            rate, p99, failed = wrk(base + path, options.seconds, options.connections)
            print(f"{label:<22} {rate:>8.1f} {p99:>9}  {failed}", flush=True)
    finally:
        server.terminate()
        server.wait(timeout=30)
        shutil.rmtree(data, ignore_errors=True)


if __name__ == "__main__":
    main()
