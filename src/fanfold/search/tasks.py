"""Background work for the filter: re-deriving filter tags after wrangling, and writing
the node's index snapshot."""

from datetime import datetime

from django_tasks import task

from fanfold.search.filtertags import refresh_filter_tags, works_affected_by
from fanfold.search.registry import write_node_snapshot


@task()
def rederive_filter_tags(tag_ids: list[int]) -> int:
    """Safe to run twice; commits a batch at a time so a big fandom never locks the site."""
    work_ids = works_affected_by(tag_ids)
    refresh_filter_tags(work_ids)
    return len(work_ids)


@task()
def write_index_snapshot(asked_at: str | None = None) -> str | None:
    """Builds the index and replaces the node's snapshot; every process switches to it
    within a poll. Returns the new snapshot's stamp (None: skipped, one is newer)."""
    return write_node_snapshot(datetime.fromisoformat(asked_at) if asked_at else None)
