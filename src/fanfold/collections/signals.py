"""A work's collections are part of its pages: adding or removing an item announces the work."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from fanfold.collections.models import CollectionItem
from fanfold.works.changes import announce


@receiver(post_save, sender=CollectionItem)
@receiver(post_delete, sender=CollectionItem)
def _item_changed(sender, instance: CollectionItem, **kwargs) -> None:
    if instance.work_id is not None:  # a bookmark's item changes no work's pages
        announce([instance.work_id])
