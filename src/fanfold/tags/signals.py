"""Every saved or deleted row that decides how a tag filters is announced (tags.changes)."""

from django.db.models.signals import post_delete, post_save, pre_delete
from django.dispatch import receiver

from fanfold.tags.changes import announce_rewrangled
from fanfold.tags.models import MetaTagging, Tag


@receiver(post_save, sender=Tag)
def _tag_saved(sender, instance: Tag, created: bool, **kwargs) -> None:
    # A new tag is on no work yet; a renamed one changes the text its works are found by.
    if not created:
        announce_rewrangled([instance.pk])


@receiver(pre_delete, sender=Tag)
def _tag_deleted(sender, instance: Tag, **kwargs) -> None:
    # Its synonyms become plain tags (merger SET_NULL, which sends no signal of its own).
    announce_rewrangled(instance.synonyms.values_list("pk", flat=True))


@receiver(post_save, sender=MetaTagging)
@receiver(post_delete, sender=MetaTagging)
def _meta_tagging_changed(sender, instance: MetaTagging, **kwargs) -> None:
    announce_rewrangled([instance.sub_id])
