"""The filter index hears of every change the model layer announces: works (works.changes)
and wrangling (tags.changes)."""

from django.db import transaction
from django.dispatch import receiver

from fanfold.search.filtertags import mark_works_changed, refresh_filter_tags
from fanfold.search.tasks import rederive_filter_tags
from fanfold.tags.changes import tags_rewrangled
from fanfold.works.changes import works_changed


@receiver(works_changed)
def _tell_the_filter_index(sender, work_ids: set[int], tags_changed: bool, **kwargs) -> None:
    if tags_changed:
        refresh_filter_tags(work_ids)  # derives the filter tags, then logs the change
    else:
        mark_works_changed(work_ids)


@receiver(tags_rewrangled)
def _rederive_after_commit(sender, tag_ids: set[int], **kwargs) -> None:
    # A big fandom has many works: they are re-derived in batches by a task, after the commit.
    ids = sorted(tag_ids)
    transaction.on_commit(lambda: rederive_filter_tags.enqueue(ids))
