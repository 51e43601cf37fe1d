"""`fanfold synth --works N`: adds an AO3-shaped synthetic corpus (bulk insert, COPY on PostgreSQL)."""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from fanfold.demo.synthetic import Synthesizer


class Command(BaseCommand):
    help = "Add N synthetic works with AO3-shaped tags and stats (placeholder words only)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--works", type=int, required=True, help="how many works to add")
        parser.add_argument("--seed", type=int, default=1, help="the same seed, the same corpus")

    def handle(self, *args, works: int, seed: int, **options) -> None:
        if settings.PRODUCTION:
            raise CommandError("Synthetic works would mix with real ones; refused in production.")
        if works < 1:
            raise CommandError("--works must be at least 1.")
        started = time.monotonic()

        def progress(message: str) -> None:
            self.stdout.write(f"  [{time.monotonic() - started:6.1f} s] {message}")

        Synthesizer(works, seed, progress).run()
        self.stdout.write(
            self.style.SUCCESS(
                f"Added {works:,} synthetic works in {time.monotonic() - started:.1f} s."
            )
        )
