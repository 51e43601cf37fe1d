"""`fanfold serve`: the archive behind granian (WSGI) and its task worker, supervised together."""

import os
import sys
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from fanfold.archive.supervisor import Child, Supervisor

SHEDDING_THREADS = 8


class Command(BaseCommand):
    help = "Serve the archive with granian (a production-grade WSGI server) and the task worker."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--workers", type=int, default=1)
        parser.add_argument(
            "--grace",
            type=int,
            default=30,
            help="seconds in-flight requests and the running task get to finish on shutdown",
        )
        parser.add_argument(
            "--no-task-worker",
            action="store_true",
            help="do not start the background task worker (run `fanfold db_worker` elsewhere)",
        )

    def handle(self, *args, host: str, port: int, workers: int, grace: int, **options) -> None:
        # Links in e-mails and downloads name the port really served unless SITE_URL says
        # otherwise; the task worker and granian inherit it.
        os.environ.setdefault("SITE_URL", f"http://{host}:{port}")
        children = [Child("web server", granian_command(host, port, workers, grace))]
        if not options["no_task_worker"]:
            children.append(
                Child("task worker", [sys.executable, "-m", "fanfold.cli", "db_worker"])
            )
        self.stdout.write(f"Fanfold is serving on http://{host}:{port}/ (Ctrl-C stops it)")
        self.stdout.flush()
        Supervisor(children, grace_seconds=grace + 5, log=sys.stderr).run()


def granian_command(host: str, port: int, workers: int, grace: int) -> list[str]:
    return [
        str(Path(sys.executable).with_name("granian")),
        "--interface", "wsgi",
        "--host", host,
        "--port", str(port),
        "--workers", str(workers),
        # A thread for each request admitted (archive/admission.py lets one run per worker,
        # measured best for Django on granian; queued ones wait without taking the GIL), plus
        # spare threads that answer 503 at once, so requests never wait in granian behind them.
        "--blocking-threads",
        str(settings.CONCURRENT_REQUESTS + settings.REQUEST_QUEUE + SHEDDING_THREADS),
        "--respawn-failed-workers",
        "--respawn-interval", "1",
        "--workers-kill-timeout", str(grace),
        "fanfold.wsgi:application",
    ]  # fmt: skip
