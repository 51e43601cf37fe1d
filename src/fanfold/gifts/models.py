"""A gift: a work given to a pseud, or to a plain name that has no account here."""

from django.db import models

from fanfold.accounts.models import Pseud
from fanfold.works.models import Work


class Gift(models.Model):
    work = models.ForeignKey(Work, on_delete=models.CASCADE, related_name="gifts")
    # The recipient's pseud when they have an account; otherwise only their name, as on AO3.
    pseud = models.ForeignKey(
        Pseud, null=True, blank=True, on_delete=models.SET_NULL, related_name="gifts"
    )
    recipient_name = models.CharField(max_length=100, blank=True)
    # The recipient refused it: no longer shown as theirs, and only they see it was refused.
    rejected = models.BooleanField(default=False)
    # When the recipient was e-mailed: posting, revealing and editing may each ask, once is enough.
    notified_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(pseud__isnull=True, recipient_name=""),
                name="gift_has_recipient",
            ),
            models.UniqueConstraint("work", "pseud", name="gift_once_per_pseud"),
        ]

    def __str__(self) -> str:
        return f"{self.work} for {self.recipient}"

    @property
    def recipient(self) -> str:
        return self.pseud.name if self.pseud else self.recipient_name
