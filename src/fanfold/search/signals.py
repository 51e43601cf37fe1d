"""The filter index hears of every work change the model layer announces (works.changes)."""

from django.dispatch import receiver

from fanfold.search.filtertags import mark_works_changed, refresh_filter_tags
from fanfold.works.changes import works_changed


@receiver(works_changed)
def _tell_the_filter_index(sender, work_ids: set[int], tags_changed: bool, **kwargs) -> None:
    if tags_changed:
        refresh_filter_tags(work_ids)  # derives the filter tags, then logs the change
    else:
        mark_works_changed(work_ids)
