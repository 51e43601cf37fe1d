"""Every change made in Django's admin also lands in the audit log, beside moderators' actions."""

from django.contrib.admin.models import LogEntry
from django.db.models.signals import post_save
from django.dispatch import receiver

from fanfold.moderation.models import AuditEntry

VERBS = {1: "add", 2: "change", 3: "delete"}


@receiver(post_save, sender=LogEntry)
def copy_admin_change(sender, instance: LogEntry, created: bool, **kwargs) -> None:
    if not created or kwargs.get("raw"):
        return
    content_type = instance.content_type
    model = content_type.model if content_type else "object"
    model_class = content_type.model_class() if content_type else None
    label = model_class._meta.verbose_name if model_class else model
    AuditEntry.objects.create(
        actor_id=instance.user_id,
        actor_name=instance.user.get_username(),
        action=f"admin: {VERBS.get(instance.action_flag, 'edit')} {label}",
        target_type=model,
        target_id=instance.object_id or "",
        target_label=instance.object_repr[:300],
        note=instance.get_change_message(),
    )
