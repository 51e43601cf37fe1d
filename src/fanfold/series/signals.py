"""A series' title is searchable on each of its works: renaming a series or moving a work in
or out of one is announced as a change of those works (works.changes). And series follow
their works: a deleted work leaves its series, an orphaned credit moves on the series too."""

from django.db.models.signals import post_delete, post_save, pre_delete
from django.dispatch import receiver

from fanfold.accounts.models import Pseud
from fanfold.series.models import Series, SeriesWork
from fanfold.series.placement import remove_work_from_series
from fanfold.works.changes import announce, credit_orphaned
from fanfold.works.models import Work


@receiver(post_save, sender=Series)
def _series_saved(sender, instance: Series, created: bool, **kwargs) -> None:
    if not created:
        announce(instance.memberships.values_list("work_id", flat=True))


@receiver(post_save, sender=SeriesWork)
@receiver(post_delete, sender=SeriesWork)
def _membership_changed(sender, instance: SeriesWork, **kwargs) -> None:
    announce([instance.work_id])


@receiver(pre_delete, sender=Work)
def _work_leaves_its_series(sender, instance: Work, **kwargs) -> None:
    for series in Series.objects.filter(memberships__work=instance):
        remove_work_from_series(instance, series)


@receiver(credit_orphaned)
def _series_credit_orphaned(
    sender, work: Work, pseud: Pseud, orphan_pseud: Pseud, **kwargs
) -> None:
    """The work's series keep a creator the reader can follow: the orphan pseud."""
    for series in Series.objects.filter(memberships__work=work, creators=pseud):
        series.creators.remove(pseud)
        series.creators.add(orphan_pseud)
