"""`fanfold serve`: the archive behind granian (WSGI), static files through whitenoise."""

import os
import sys
from pathlib import Path

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Serve the archive with granian (a production-grade WSGI server)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--workers", type=int, default=1)

    def handle(self, *args, host: str, port: int, workers: int, **options) -> None:
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
