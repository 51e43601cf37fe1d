"""This process's filter index: built on first use, kept current by polling IndexChange."""

import threading
import time
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from fanfold.search.index import FilterIndex
from fanfold.search.models import IndexChange
from fanfold.search.source import posted_work_rows, posted_work_rows_for, tag_types

# Changes are read with this much overlap, because a transaction that began earlier can
# commit its IndexChange rows after later ones were already read. Re-reading is harmless.
OVERLAP = timedelta(seconds=30)

REBUILD_AFTER_CHANGES = 100_000

_lock = threading.Lock()
_index: FilterIndex | None = None
_read_changes_since = timezone.now()
_last_poll = 0.0


def build_index() -> FilterIndex:
    return FilterIndex(posted_work_rows(), tag_types())


def current_index() -> FilterIndex:
    """The index, rebuilt when missing and caught up with changes at most once a poll interval."""
    global _index, _read_changes_since, _last_poll
    with _lock:
        if _index is None:
            started = timezone.now()
            _index = build_index()
            _read_changes_since, _last_poll = started, time.monotonic()
        elif time.monotonic() - _last_poll >= settings.FILTER_INDEX_POLL_SECONDS:
            _catch_up(_index)
        return _index


def _catch_up(index: FilterIndex) -> None:
    global _index, _read_changes_since, _last_poll
    started = timezone.now()
    changed = set(
        IndexChange.objects.filter(created_at__gte=_read_changes_since - OVERLAP).values_list(
            "work_id", flat=True
        )
    )
    if len(changed) > REBUILD_AFTER_CHANGES:
        _index = build_index()  # cheaper than replaying a reindex one work at a time
    elif changed:
        apply_changes(index, changed)
    _read_changes_since, _last_poll = started, time.monotonic()


def apply_changes(index: FilterIndex, work_ids: set[int]) -> None:
    rows = list(posted_work_rows_for(work_ids))
    types = tag_types({tag_id for row in rows for tag_id in row.tag_ids})
    for work_id in work_ids - {row.work_id for row in rows}:
        index.remove_work(work_id)  # deleted, or back to being a draft
    for row in rows:
        index.upsert(row, types)


def forget_index() -> None:
    """Drops this process's index; the next query rebuilds it (tests, `fanfold reindex`)."""
    global _index
    with _lock:
        _index = None
