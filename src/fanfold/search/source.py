"""Reading works from the database in the shape the filter index stores them."""

import datetime
from collections import defaultdict
from collections.abc import Iterable, Iterator

from fanfold.search.index import HIDDEN, PUBLIC, RESTRICTED, WorkRow, microseconds
from fanfold.search.models import FilterTagging
from fanfold.tags.models import Tag
from fanfold.works.models import Creatorship, Work

CHUNK = 50_000
CHANGE_CHUNK = 500
_FIELDS = (
    "id", "restricted", "hidden_by_admin", "unrevealed", "anonymous", "kudos_count", "hit_count",
    "comment_count", "bookmark_count", "word_count", "chapter_count", "expected_chapters",
    "revised_at", "published_on", "updated_on", "complete", "crossover", "language", "title",
)  # fmt: skip


def _status(restricted: bool, hidden: bool) -> int:
    if hidden:
        return HIDDEN
    return RESTRICTED if restricted else PUBLIC


def _ordinal(day: datetime.date | None) -> int:
    return day.toordinal() if day else 0


def _rows_for(values: list[tuple], tags: dict[int, list[int]], creators: dict[int, str]):
    for (work_id, restricted, hidden, unrevealed, anonymous, kudos, hits, comments, bookmarks, words,
         chapters, expected, revised, published, updated, complete, crossover, language,
         title) in values:  # fmt: skip
        yield WorkRow(
            work_id=work_id,
            status=_status(restricted, hidden or unrevealed),
            kudos=kudos,
            hits=hits,
            comments=comments,
            bookmarks=bookmarks,
            words=words,
            chapters=chapters,
            expected=expected or 0,
            revised=microseconds(revised) if revised else 0,
            published=_ordinal(published),
            updated=_ordinal(updated),
            complete=complete,
            crossover=crossover,
            language=language,
            title=title,
            creators="" if anonymous else creators.get(work_id, ""),
            tag_ids=tags.get(work_id, []),
        )


def _creator_names(works: dict) -> dict[int, str]:
    names: dict[int, list[str]] = defaultdict(list)
    creatorships = Creatorship.objects.filter(**works).order_by("position", "id")
    for work_id, name in creatorships.values_list("work_id", "pseud__name"):
        names[work_id].append(name)
    return {work_id: ", ".join(found) for work_id, found in names.items()}


def _filter_tags(works: dict) -> dict[int, list[int]]:
    tags: dict[int, list[int]] = defaultdict(list)
    for work_id, tag_id in FilterTagging.objects.filter(**works).values_list("work_id", "tag_id"):
        tags[work_id].append(tag_id)
    return tags


def _rows_of(values: list[tuple], works: dict) -> Iterator[WorkRow]:
    return _rows_for(values, _filter_tags(works), _creator_names(works))


def posted_work_rows() -> Iterator[WorkRow]:
    """Rows for all posted works in id order, a chunk (an id range) at a time."""
    works = Work.objects.filter(posted=True).order_by("id")
    last_id = 0
    while True:
        values = list(works.filter(id__gt=last_id).values_list(*_FIELDS)[:CHUNK])
        if not values:
            return
        first_id, last_id = values[0][0], values[-1][0]
        yield from _rows_of(values, {"work_id__gte": first_id, "work_id__lte": last_id})


def posted_work_rows_for(work_ids: Iterable[int]) -> Iterator[WorkRow]:
    """Rows for these works, when posted; small IN lists (SQLite caps query parameters)."""
    work_ids = sorted(work_ids)
    for start in range(0, len(work_ids), CHANGE_CHUNK):
        chunk = work_ids[start : start + CHANGE_CHUNK]
        values = list(Work.objects.filter(posted=True, id__in=chunk).values_list(*_FIELDS))
        yield from _rows_of(values, {"work_id__in": chunk})


def tag_types(tag_ids: Iterable[int] | None = None) -> dict[int, str]:
    if tag_ids is None:
        return dict(Tag.objects.values_list("id", "type"))
    tag_ids = sorted(tag_ids)
    types: dict[int, str] = {}
    for start in range(0, len(tag_ids), CHANGE_CHUNK):
        chunk = tag_ids[start : start + CHANGE_CHUNK]
        types.update(Tag.objects.filter(id__in=chunk).values_list("id", "type"))
    return types
