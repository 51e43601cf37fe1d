"""`fanfold backup PATH`: the database and uploaded files in one tar file."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from fanfold.archive.backup import BackupError, create_backup


class Command(BaseCommand):
    help = "Back up the database and uploaded files into one .tar file (safe while serving)."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "path",
            nargs="?",
            help="file or folder to write (default: fanfold-backup-<UTC time>.tar here)",
        )

    def handle(self, *args, path: str | None, **options) -> None:
        name = f"fanfold-backup-{timezone.now():%Y%m%d-%H%M%S}.tar"
        target = Path(path or name)
        if target.is_dir():
            target = target / name
        if not target.parent.is_dir():
            raise CommandError(f"The folder {target.parent} does not exist.", returncode=2)
        try:
            create_backup(target.resolve(), progress=self.stdout.write)
        except BackupError as error:
            raise CommandError(str(error), returncode=2) from error
