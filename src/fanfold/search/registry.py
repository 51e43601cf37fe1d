"""This process's filter index: built on first use, kept current by polling IndexChange."""

import threading
import time
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from fanfold.search.index import FilterIndex
from fanfold.search.models import IndexChange
from fanfold.search.source import (
    all_tag_names,
    posted_work_rows,
    posted_work_rows_for,
    tag_names_filtering_as,
    tag_types,
)

# Changes are read with this much overlap, because a transaction that began earlier can
# commit its IndexChange rows after later ones were already read (and clocks may differ).
OVERLAP = timedelta(seconds=30)
REBUILD_AFTER_CHANGES = 100_000


def build_index() -> FilterIndex:
    return FilterIndex(posted_work_rows(), tag_types(), all_tag_names())


class _ProcessIndex:
    """The index of this process and how far it has read the change log."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.index: FilterIndex | None = None
        self.since = timezone.now()
        self.last_poll = 0.0
        self.applied: set[int] = set()  # IndexChange ids already applied, within the overlap
        self.version = 0  # grows whenever this process's index changes (pages cached on it)

    def current(self) -> FilterIndex:
        with self.lock:
            if self.index is None:
                self.since = timezone.now()
                self.index, self.applied = build_index(), set()
                self.last_poll, self.version = time.monotonic(), self.version + 1
            elif time.monotonic() - self.last_poll >= settings.FILTER_INDEX_POLL_SECONDS:
                self._catch_up(self.index)
            return self.index

    def _catch_up(self, index: FilterIndex) -> None:
        started = timezone.now()
        window = IndexChange.objects.filter(created_at__gte=self.since - OVERLAP)
        rows = list(window.values_list("id", "work_id"))
        changed = {work_id for change_id, work_id in rows if change_id not in self.applied}
        # Only ids still inside the window need remembering; older ones are never read again.
        self.applied = {change_id for change_id, _ in rows}
        if len(changed) > REBUILD_AFTER_CHANGES:
            self.index = build_index()  # cheaper than replaying a reindex one work at a time
        elif changed:
            apply_changes(index, changed)
        self.version += bool(changed)
        self.since, self.last_poll = started, time.monotonic()

    def start_empty(self) -> None:
        with self.lock:
            self.index, self.applied = FilterIndex([], {}), set()
            self.since, self.last_poll = timezone.now(), time.monotonic()

    def forget(self) -> None:
        with self.lock:
            self.index = None


_process = _ProcessIndex()


def current_index() -> FilterIndex:
    """The index, built when missing and caught up with changes at most once a poll interval."""
    return _process.current()


def index_version() -> int:
    """Changes whenever this process's index does, after catching up as current_index() does."""
    _process.current()
    return _process.version


def apply_changes(index: FilterIndex, work_ids: set[int]) -> None:
    rows = list(posted_work_rows_for(work_ids))
    types = tag_types({tag_id for row in rows for tag_id in row.tag_ids})
    for work_id in work_ids - {row.work_id for row in rows}:
        index.remove_work(work_id)  # deleted, or back to being a draft
    for row in rows:
        index.upsert(row, types)
    # A work changes when its tags are wrangled: re-read the names its tags are found by.
    index.text.update_tags(tag_names_filtering_as(types))


def start_empty_index() -> None:
    """Starts this process's index from an empty archive as of now: it then learns of every
    work through the change log alone (tests, so that a change nobody announced shows)."""
    _process.start_empty()


def forget_index() -> None:
    """Drops this process's index; the next query rebuilds it (tests, `fanfold reindex`)."""
    _process.forget()
