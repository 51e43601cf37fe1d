"""Uploads waiting for a creator's review, or for the background worker (zip batches)."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from fanfold.works.models import Work


class PendingImport(models.Model):
    class Status(models.TextChoices):
        WAITING = "waiting", _("Waiting")
        WORKING = "working", _("Being imported")
        IMPORTED = "imported", _("Imported")
        FAILED = "failed", _("Failed")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="pending_imports"
    )
    batch = models.UUIDField(default=uuid.uuid4, db_index=True)
    source_name = models.CharField(max_length=500)
    parsed = models.JSONField(
        null=True, blank=True
    )  # ParsedWork.to_json(), or null when unreadable
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.WAITING)
    error = models.TextField(blank=True)
    as_draft = models.BooleanField(default=False)
    work = models.ForeignKey(Work, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.source_name} ({self.status})"
