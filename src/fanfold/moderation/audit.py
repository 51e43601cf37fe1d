"""Writing the audit log: every moderator and admin action goes through record()."""

from django.db import models

from fanfold.accounts.models import User
from fanfold.moderation.models import AuditEntry


def record(actor: User, action: str, target: models.Model, note: str = "") -> AuditEntry:
    return AuditEntry.objects.create(
        actor=actor,
        actor_name=actor.username,
        action=action,
        target_type=target._meta.model_name or "",
        target_id=str(target.pk),
        target_label=str(target)[:300],
        note=note,
    )


def history_of(target: models.Model) -> models.QuerySet[AuditEntry]:
    return AuditEntry.objects.filter(target_type=target._meta.model_name, target_id=str(target.pk))
