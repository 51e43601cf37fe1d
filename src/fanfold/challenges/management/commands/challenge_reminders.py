"""`fanfold challenge_reminders`: mail givers whose assignments are due soon (run it hourly)."""

from django.core.management.base import BaseCommand

from fanfold.challenges.tasks import send_reminders_task


class Command(BaseCommand):
    help = "Remind givers of sent, unfulfilled assignments due within three days (once each)."

    def handle(self, *args, **options) -> None:
        sent = send_reminders_task.call()
        self.stdout.write(f"Sent {sent} reminder{'s' if sent != 1 else ''}.")
