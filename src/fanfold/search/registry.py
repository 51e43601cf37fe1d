"""This process's filter index: mapped from the node's snapshot file when there is one
(search.snapshot), otherwise built from the database on first use; kept current by polling
IndexChange, and switched to a newer snapshot when the background task writes one."""

import threading
import time
from datetime import datetime, timedelta
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from fanfold.search.index import FilterIndex
from fanfold.search.models import IndexChange
from fanfold.search.snapshot import (
    Snapshot,
    file_identity,
    load_snapshot,
    read_header,
    write_snapshot,
)
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
# A new snapshot is asked for when this many works changed since the one in use (each
# process holds those in its own overlay), or when it is this old. Older than the change
# log is kept (`fanfold reindex` prunes it after a day), a snapshot is not used at all.
SNAPSHOT_AFTER_CHANGES = 20_000
SNAPSHOT_EVERY = timedelta(hours=1)
SNAPSHOT_MAX_AGE = timedelta(hours=12)


def build_index() -> FilterIndex:
    return FilterIndex(posted_work_rows(), tag_types(), all_tag_names())


def snapshot_path() -> Path | None:
    """The node's snapshot file (FANFOLD_INDEX_SNAPSHOT; unset: every process builds)."""
    configured = settings.FILTER_INDEX_SNAPSHOT
    return Path(configured) if configured else None


class _ProcessIndex:
    """The index of this process and how far it has read the change log."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.index: FilterIndex | None = None
        self.since = timezone.now()
        self.last_poll = 0.0
        self.applied: set[int] = set()  # IndexChange ids already applied, within the overlap
        self.version = 0  # grows whenever this process's index changes (pages cached on it)
        self.snapshot: tuple[int, int] | None = None  # identity of the node's snapshot file
        self.snapshot_as_of: datetime | None = None  # of the snapshot in use, if any
        self.asked_for_snapshot = False

    def current(self) -> FilterIndex:
        with self.lock:
            if self.index is None:
                self._start()
            elif time.monotonic() - self.last_poll >= settings.FILTER_INDEX_POLL_SECONDS:
                if self._snapshot_replaced():
                    self._start()  # the next request gets the new one; running ones keep theirs
                else:
                    self._catch_up(self.index)
                self._ask_for_snapshot_when_due(self.index)
            assert self.index is not None
            return self.index

    def _start(self) -> None:
        """Maps the node's snapshot and replays the changes since, or builds from scratch."""
        path = snapshot_path()
        self.snapshot = file_identity(path) if path else None
        loaded = _usable_snapshot(path) if path and self.snapshot else None
        self.applied, self.asked_for_snapshot = set(), False
        if loaded:
            self.index, self.since, self.snapshot_as_of = loaded.index, loaded.as_of, loaded.as_of
            self._catch_up(self.index)
        else:
            self.since, self.snapshot_as_of = timezone.now(), None
            self.index = build_index()
        self.last_poll, self.version = time.monotonic(), self.version + 1

    def _snapshot_replaced(self) -> bool:
        path = snapshot_path()
        return path is not None and file_identity(path) not in (None, self.snapshot)

    def _ask_for_snapshot_when_due(self, index: FilterIndex) -> None:
        """Enqueues one snapshot write per snapshot from this process, when it is due."""
        if snapshot_path() is None or self.asked_for_snapshot:
            return
        changed = index.columns["work_id"].size - index.base_docs
        as_of = self.snapshot_as_of
        if (
            as_of is None
            or changed > SNAPSHOT_AFTER_CHANGES
            or timezone.now() - as_of > SNAPSHOT_EVERY
        ):
            from fanfold.search.tasks import write_index_snapshot  # tasks import this module

            self.asked_for_snapshot = True
            write_index_snapshot.enqueue(asked_at=timezone.now().isoformat())

    def _catch_up(self, index: FilterIndex) -> None:
        started = timezone.now()
        window = IndexChange.objects.filter(created_at__gte=self.since - OVERLAP)
        rows = list(window.values_list("id", "work_id"))
        changed = {work_id for change_id, work_id in rows if change_id not in self.applied}
        if len(changed) > REBUILD_AFTER_CHANGES:
            self.index = build_index()  # cheaper than replaying a reindex one work at a time
        elif changed:
            apply_changes(index, changed)
        # Remembered only once applied: when the database fails half-way, the next poll
        # reads these changes again. Ids older than the window are never read again.
        self.applied = {change_id for change_id, _ in rows}
        self.version += bool(changed)
        self.since, self.last_poll = started, time.monotonic()

    def start_empty(self) -> None:
        with self.lock:
            self.index, self.applied = FilterIndex([], {}), set()
            self.since, self.last_poll = timezone.now(), time.monotonic()
            path = snapshot_path()
            self.snapshot = file_identity(path) if path else None
            self.asked_for_snapshot = True  # tests: no snapshot unless asked for

    def forget(self) -> None:
        with self.lock:
            self.index = None


def _usable_snapshot(path: Path) -> Snapshot | None:
    """The node's snapshot, unless it is older than the change log reaches back."""
    as_of = datetime.fromisoformat(read_header(path)["as_of"])
    if timezone.now() - as_of > SNAPSHOT_MAX_AGE:
        return None
    return load_snapshot(path)


def write_node_snapshot(asked_at: datetime | None = None) -> str | None:
    """Builds the index from the database and replaces the node's snapshot with it; skipped
    when a snapshot read after `asked_at` is already there (several processes asked)."""
    path = snapshot_path()
    if path is None:
        return None
    written = file_identity(path) and datetime.fromisoformat(read_header(path)["as_of"])
    if asked_at and written and written >= asked_at:
        return None
    as_of = timezone.now()  # the change log is replayed from here (minus the overlap)
    return write_snapshot(build_index(), path, as_of)


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
