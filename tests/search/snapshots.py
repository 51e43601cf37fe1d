"""An index mapped from a snapshot file, with changes made after the snapshot was written."""

import datetime
import random

from django.utils import timezone

from fanfold.search.filtertags import mark_works_changed
from fanfold.search.index import FilterIndex
from fanfold.search.models import FilterTagging
from fanfold.search.registry import OVERLAP, current_index, forget_index, write_node_snapshot
from fanfold.works.models import Work
from tests.factories import UserFactory, WorkFactory


def index_from_snapshot_with_changes_since(request, folder, seed: int = 5) -> FilterIndex:
    """Writes the node's snapshot, changes the archive (stats and titles, tags, visibility,
    deletions, new works with a new tag), then maps the snapshot as a process starting
    later would: the snapshot holds the old versions, the change log brings the new ones."""
    settings, clock = request.getfixturevalue("settings"), request.getfixturevalue("time_machine")
    settings.FILTER_INDEX_SNAPSHOT = str(folder / "filter-index.snapshot")
    clock.move_to(timezone.now(), tick=True)
    assert write_node_snapshot() is not None
    change_the_archive(random.Random(seed))
    # Later than the change log's re-read window: only the snapshot's own time finds them.
    clock.shift(OVERLAP + datetime.timedelta(minutes=1))
    forget_index()
    index = current_index()
    assert index.base_docs > 0, "the index was not mapped from the snapshot"
    assert index.columns["work_id"].added_count > 0, "no change reached the overlay"
    return index


def change_the_archive(rng: random.Random) -> None:
    works = list(Work.objects.filter(posted=True).order_by("id"))
    edited = rng.sample(works, k=len(works) // 5)
    for work in edited:
        Work.objects.filter(pk=work.pk).update(
            kudos_count=rng.randint(0, 30),
            title=f"{work.title} quiet revised",
            restricted=rng.random() < 0.3,
        )
    tag_ids = list(FilterTagging.objects.values_list("tag_id", flat=True).distinct())
    for work in edited[: len(edited) // 2]:
        FilterTagging.objects.filter(work=work).order_by("id").first().delete()
        FilterTagging.objects.get_or_create(work=work, tag_id=rng.choice(tag_ids))
    mark_works_changed({work.pk for work in edited})
    gone = [work.pk for work in rng.sample(works, k=3)]
    Work.objects.filter(pk__in=gone).delete()
    mark_works_changed(gone)
    author = UserFactory(username="latecomer")
    for number in range(4):
        WorkFactory(author=author, title=f"A Late Red Story {number}", fandoms=("Fandom E",))
