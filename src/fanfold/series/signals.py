"""A series' title is searchable on each of its works: renaming a series or moving a work in
or out of one is announced as a change of those works (works.changes)."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from fanfold.series.models import Series, SeriesWork
from fanfold.works.changes import announce


@receiver(post_save, sender=Series)
def _series_saved(sender, instance: Series, created: bool, **kwargs) -> None:
    if not created:
        announce(instance.memberships.values_list("work_id", flat=True))


@receiver(post_save, sender=SeriesWork)
@receiver(post_delete, sender=SeriesWork)
def _membership_changed(sender, instance: SeriesWork, **kwargs) -> None:
    announce([instance.work_id])
