"""The node's index snapshot: written by the background task, mapped by each process, and
replaced while processes run (they switch on their next poll, keeping changes visible)."""

from django.contrib.auth.models import AnonymousUser

from fanfold.search.audience import audience_for
from fanfold.search.criteria import Criteria
from fanfold.search.registry import current_index, forget_index
from fanfold.search.snapshot import read_header
from fanfold.search.tasks import write_index_snapshot
from tests.factories import WorkFactory


def visible_titles() -> set[str]:
    from fanfold.works.models import Work

    found = current_index().search(Criteria(), audience_for(AnonymousUser()), 0, 100)
    return set(Work.objects.filter(id__in=found.work_ids).values_list("title", flat=True))


def test_a_process_without_a_snapshot_builds_and_asks_for_one(db, settings, tmp_path):
    settings.FILTER_INDEX_SNAPSHOT = str(tmp_path / "index.snapshot")
    WorkFactory(title="Before Any Snapshot")
    forget_index()
    assert visible_titles() == {"Before Any Snapshot"}  # built from the database
    assert not (tmp_path / "index.snapshot").exists()
    current_index()  # the next poll asks the task queue (run at once in tests) for one
    assert read_header(tmp_path / "index.snapshot")["meta"]["base_docs"] == 1


def test_processes_switch_to_a_new_snapshot_and_keep_what_changed_since(db, settings, tmp_path):
    settings.FILTER_INDEX_SNAPSHOT = str(tmp_path / "index.snapshot")
    WorkFactory(title="In The First Snapshot")
    write_index_snapshot.enqueue()
    forget_index()
    first = current_index()
    assert first.base_docs == 1, "mapped from the snapshot"
    WorkFactory(title="Posted After It")
    assert visible_titles() == {"In The First Snapshot", "Posted After It"}
    assert current_index() is first, "kept current through its overlay"

    write_index_snapshot.enqueue()
    WorkFactory(title="Posted After The Second")
    second = current_index()
    assert second is not first and second.base_docs == 2
    assert visible_titles() == {
        "In The First Snapshot",
        "Posted After It",
        "Posted After The Second",
    }


def test_a_snapshot_is_skipped_when_a_newer_one_was_written_since_it_was_asked_for(
    db, settings, tmp_path
):
    settings.FILTER_INDEX_SNAPSHOT = str(tmp_path / "index.snapshot")
    WorkFactory()
    asked_at = "2000-01-01T00:00:00+00:00"
    assert write_index_snapshot.enqueue().return_value is not None
    assert write_index_snapshot.enqueue(asked_at=asked_at).return_value is None
