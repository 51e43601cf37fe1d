"""`fanfold import PATH...`: files, folders and zip archives of works, with a progress count.

Exit codes: 0 all imported, 1 some failed, 2 usage errors. `--dry-run --json` writes one JSON
object per work on standard output and nothing to the database (docs/import-format.md).
"""

import json as jsonlib
import sys

from django.core.management.base import BaseCommand, CommandError

from fanfold.accounts.models import User
from fanfold.imports.reading import Outcome, parse_source, sources, unexpected
from fanfold.imports.writer import import_work


class Command(BaseCommand):
    help = "Import works from AO3 downloads (HTML or text), plain text, folders and zip archives."

    def add_arguments(self, parser) -> None:
        parser.add_argument("paths", nargs="+", metavar="PATH")
        parser.add_argument("--dry-run", action="store_true", help="parse only; write nothing")
        parser.add_argument(
            "--json", action="store_true", help="one JSON line per work (with --dry-run)"
        )
        parser.add_argument(
            "--as", dest="owner", metavar="USER", help="the account that will own the works"
        )
        parser.add_argument("--draft", action="store_true", help="import as drafts")
        parser.add_argument(
            "--skip-existing", action="store_true", help="leave works imported before alone"
        )

    def handle(self, *args, paths, dry_run, json, owner, draft, skip_existing, **options) -> None:
        if json and not dry_run:
            raise CommandError("--json goes with --dry-run.", returncode=2)
        user = None
        if not dry_run:
            if not owner:
                raise CommandError("Say which account owns the works: --as USER.", returncode=2)
            user = User.objects.filter(username__iexact=owner).first()
            if user is None:
                raise CommandError(f"There is no user named “{owner}”.", returncode=2)
        counts = {"imported": 0, "updated": 0, "skipped": 0, "failed": 0, "parsed": 0}
        for number, item in enumerate(sources(paths), start=1):
            outcome = item if isinstance(item, Outcome) else parse_source(item)
            self._report(outcome, counts, user, draft, skip_existing, json)
            self.stderr.write(
                f"\r{number} files: " + ", ".join(f"{v} {k}" for k, v in counts.items() if v),
                ending="",
            )
        self.stderr.write("")
        self.stderr.write("Done: " + ", ".join(f"{value} {key}" for key, value in counts.items()))
        if counts["failed"]:
            sys.exit(1)

    def _report(
        self, outcome: Outcome, counts: dict, user, draft: bool, skip_existing: bool, as_json: bool
    ) -> None:
        if outcome.work is None:
            self._failed(outcome.source, outcome.error, counts, as_json)
            return
        if user is None:
            counts["parsed"] += 1
            if as_json:
                line = {"source": outcome.source, **outcome.work.to_json()}
                self.stdout.write(jsonlib.dumps(line, ensure_ascii=False))
            return
        try:
            result, work = import_work(outcome.work, user, draft=draft, skip_existing=skip_existing)
        except Exception as error:  # one work's failure (rolled back) must not end the batch
            self._failed(outcome.source, unexpected(error), counts, as_json)
            return
        counts[result] += 1
        for warning in outcome.work.warnings_found:
            self.stderr.write(f"\n{outcome.source}: note: {warning}")
        self.stdout.write(f"{result}: {outcome.source} -> /works/{work.pk}")

    def _failed(self, source: str, reason: str, counts: dict, as_json: bool) -> None:
        counts["failed"] += 1
        self.stderr.write(f"\n{source}: {reason}")
        if as_json:
            self.stdout.write(
                jsonlib.dumps({"source": source, "error": reason}, ensure_ascii=False)
            )
        else:
            self.stdout.write(f"failed: {source}: {reason}")
