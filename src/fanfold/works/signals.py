"""Every saved or deleted row that shapes a work is announced (works.changes), admin included."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from fanfold.accounts.models import Pseud
from fanfold.works.changes import announce
from fanfold.works.models import Chapter, Creatorship, Tagging, Work


@receiver(post_save, sender=Work)
@receiver(post_delete, sender=Work)
def _work_changed(sender, instance: Work, **kwargs) -> None:
    announce([instance.pk])


@receiver(post_save, sender=Chapter)
@receiver(post_delete, sender=Chapter)
@receiver(post_save, sender=Creatorship)
@receiver(post_delete, sender=Creatorship)
def _part_of_work_changed(sender, instance: Chapter | Creatorship, **kwargs) -> None:
    announce([instance.work_id])


@receiver(post_save, sender=Tagging)
def _tagging_saved(sender, instance: Tagging, **kwargs) -> None:
    announce([instance.work_id], tags_changed=True)


@receiver(post_delete, sender=Tagging)
def _tagging_deleted(sender, instance: Tagging, origin=None, **kwargs) -> None:
    # When the work itself is being deleted there are no filter tags left to derive.
    work_deleted = isinstance(origin, Work) or getattr(origin, "model", None) is Work
    announce([instance.work_id], tags_changed=not work_deleted)


@receiver(post_save, sender=Pseud)
def _pseud_saved(sender, instance: Pseud, created: bool, **kwargs) -> None:
    # A renamed pseud changes the creator names of every work it is credited on.
    if not created:
        announce(Creatorship.objects.filter(pseud=instance).values_list("work_id", flat=True))
