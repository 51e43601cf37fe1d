"""`fanfold restore PATH [--force]`: replace the database and uploaded files with a backup's."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from fanfold.archive.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = "Restore a backup made by `fanfold backup`; stop the archive first."

    def add_arguments(self, parser) -> None:
        parser.add_argument("path", help="the .tar file `fanfold backup` wrote")
        parser.add_argument(
            "--force",
            action="store_true",
            help="replace a database that already holds accounts",
        )

    def handle(self, *args, path: str, force: bool, **options) -> None:
        source = Path(path)
        if not source.is_file():
            raise CommandError(f"{source} does not exist.", returncode=2)
        try:
            restore_backup(source, force=force, progress=self.stdout.write)
        except BackupError as error:
            raise CommandError(str(error), returncode=2) from error
