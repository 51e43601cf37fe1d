"""`fanfold release_invitations`: invite the day's share of the queue (run daily from a timer)."""

from django.core.management.base import BaseCommand, CommandParser

from fanfold.moderation.invitations import release_invitations
from fanfold.moderation.models import RegistrationMode, SiteSettings


class Command(BaseCommand):
    help = (
        "Email invitations to the oldest requests in the queue (the site settings' daily number)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--count", type=int, help="how many to invite instead")

    def handle(self, *args, count: int | None = None, **options) -> None:
        site = SiteSettings.current()
        if count is None and site.registration_mode != RegistrationMode.INVITATION:
            self.stdout.write("Registration is not invitation-only; nobody was invited.")
            return
        sent = release_invitations(count if count is not None else site.invitations_per_day)
        self.stdout.write(f"Sent {sent} invitation{'s' if sent != 1 else ''}.")
