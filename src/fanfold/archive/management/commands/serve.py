"""`fanfold serve`: the archive behind granian (WSGI), static files through whitenoise."""

import os
import subprocess
import sys
from pathlib import Path

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Serve the archive with granian (a production-grade WSGI server)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--workers", type=int, default=1)
        parser.add_argument(
            "--no-task-worker",
            action="store_true",
            help="do not start the background task worker (run `fanfold db_worker` elsewhere)",
        )

    def handle(self, *args, host: str, port: int, workers: int, **options) -> None:
        # Links in e-mails and downloads name the port really served unless SITE_URL says
        # otherwise; the task worker and granian inherit it.
        os.environ.setdefault("SITE_URL", f"http://{host}:{port}")
        if not options["no_task_worker"]:
            # One machine, one command: the task worker runs beside the web server. Ctrl-C
            # reaches both, as they share the terminal's process group.
            subprocess.Popen([sys.executable, "-m", "fanfold.cli", "db_worker"])
        self.stdout.write(f"Fanfold is serving on http://{host}:{port}/ (Ctrl-C stops it)")
        # One blocking thread per worker: measured best for Django on granian (shared notes).
        command = [
            str(Path(sys.executable).with_name("granian")),
            "--interface", "wsgi",
            "--host", host,
            "--port", str(port),
            "--workers", str(workers),
            "--blocking-threads", "1",
            "fanfold.wsgi:application",
        ]  # fmt: skip
        os.execvp(command[0], command)  # noqa: S606 - replaces this process on purpose
