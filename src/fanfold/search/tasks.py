"""Background work for the filter: re-deriving filter tags after wrangling."""

from django_tasks import task

from fanfold.search.filtertags import refresh_filter_tags, works_affected_by


@task()
def rederive_filter_tags(tag_ids: list[int]) -> int:
    """Safe to run twice; commits a batch at a time so a big fandom never locks the site."""
    work_ids = works_affected_by(tag_ids)
    refresh_filter_tags(work_ids)
    return len(work_ids)
