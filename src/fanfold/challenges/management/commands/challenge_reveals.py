"""`fanfold challenge_reveals`: reveal works and creators whose reveal dates have passed (run it
every few minutes)."""

from django.core.management.base import BaseCommand

from fanfold.challenges.tasks import reveal_due_task


class Command(BaseCommand):
    help = "Reveal the works and creators of challenges whose reveal dates have passed."

    def handle(self, *args, **options) -> None:
        done = reveal_due_task.call()
        for line in done:
            self.stdout.write(f"Revealed {line}.")
        if not done:
            self.stdout.write("Nothing to reveal.")
