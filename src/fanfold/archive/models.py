"""What the archive as a whole remembers: e-mails its background tasks have sent."""

from django.db import models


class SentEmail(models.Model):
    """One e-mail a task run sent; a rerun of that task (after its worker died) finds it here."""

    key = models.CharField(max_length=64, unique=True)  # SHA-256 of task run, recipients, subject
    sent_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"e-mail {self.key[:12]} sent {self.sent_at:%Y-%m-%d %H:%M}"
