"""`fanfold send_digests`: the daily digest emails (run it once a day from cron or a timer)."""

from django.core.management.base import BaseCommand

from fanfold.feedback.notifications import send_digests


class Command(BaseCommand):
    help = "Send each reader with pending subscription updates one digest email."

    def handle(self, *args, **options) -> None:
        sent = send_digests.call()
        self.stdout.write(f"Sent {sent} digest email{'s' if sent != 1 else ''}.")
