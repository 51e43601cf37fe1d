"""A work's recipients are part of its preface: any gift change announces the work."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from fanfold.gifts.models import Gift
from fanfold.works.changes import announce


@receiver(post_save, sender=Gift)
@receiver(post_delete, sender=Gift)
def _gift_changed(sender, instance: Gift, **kwargs) -> None:
    announce([instance.work_id])
