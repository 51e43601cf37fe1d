"""Reading works from the database in the shape the filter index stores them."""

from collections import defaultdict
from collections.abc import Iterable, Iterator

from django.db.models import Q

from fanfold.search.fields import INDEXED_NUMBERS, as_number
from fanfold.search.index import HIDDEN, PUBLIC, RESTRICTED, WorkRow
from fanfold.search.models import FilterTagging
from fanfold.search.textsearch import TagName
from fanfold.search.words import plain_text
from fanfold.series.models import SeriesWork
from fanfold.tags.models import Tag
from fanfold.works.models import Creatorship, Work

CHUNK = 50_000
CHANGE_CHUNK = 500
_FIELDS = (
    "id", "restricted", "hidden_by_admin", "unrevealed", "anonymous", "language", "title",
    "summary", "notes", "end_notes", *(number.field for number in INDEXED_NUMBERS),
)  # fmt: skip


def _status(restricted: bool, hidden: bool) -> int:
    if hidden:
        return HIDDEN
    return RESTRICTED if restricted else PUBLIC


def _rows_for(values: list[dict], tags: dict[int, list[int]], texts: "_Texts"):
    for work in values:
        work_id, anonymous = work["id"], work["anonymous"]
        # Anonymous and unrevealed works never show their creators, so search never finds them.
        credited = not (anonymous or work["unrevealed"])
        yield WorkRow(
            work_id=work_id,
            status=_status(work["restricted"], work["hidden_by_admin"] or work["unrevealed"]),
            numbers={number.name: as_number(work[number.field]) for number in INDEXED_NUMBERS},
            language=work["language"],
            title=work["title"],
            creators="" if anonymous else texts.pseuds.get(work_id, ""),
            tag_ids=tags.get(work_id, []),
            summary=plain_text(work["summary"]),
            notes=f"{plain_text(work['notes'])} \n {plain_text(work['end_notes'])}",
            series=" \n ".join(texts.series.get(work_id, [])),
            creator_names=texts.names.get(work_id, "") if credited else "",
        )


class _Texts:
    """Creators' and series' names of a chunk of works."""

    def __init__(self, works: dict) -> None:
        pseuds: dict[int, list[str]] = defaultdict(list)
        names: dict[int, list[str]] = defaultdict(list)
        creatorships = Creatorship.objects.filter(**works).order_by("position", "id")
        for work_id, pseud, login in creatorships.values_list(
            "work_id", "pseud__name", "pseud__user__username"
        ):
            pseuds[work_id].append(pseud)
            names[work_id] += [pseud, login]
        self.pseuds = {work_id: ", ".join(found) for work_id, found in pseuds.items()}
        self.names = {work_id: " \n ".join(found) for work_id, found in names.items()}
        self.series: dict[int, list[str]] = defaultdict(list)
        for work_id, title in SeriesWork.objects.filter(**works).values_list(
            "work_id", "series__title"
        ):
            self.series[work_id].append(title)


def _filter_tags(works: dict) -> dict[int, list[int]]:
    tags: dict[int, list[int]] = defaultdict(list)
    for work_id, tag_id in FilterTagging.objects.filter(**works).values_list("work_id", "tag_id"):
        tags[work_id].append(tag_id)
    return tags


def _rows_of(values: list[dict], works: dict) -> Iterator[WorkRow]:
    return _rows_for(values, _filter_tags(works), _Texts(works))


def posted_work_rows() -> Iterator[WorkRow]:
    """Rows for all posted works in id order, a chunk (an id range) at a time."""
    works = Work.objects.filter(posted=True).order_by("id")
    last_id = 0
    while True:
        values = list(works.filter(id__gt=last_id).values(*_FIELDS)[:CHUNK])
        if not values:
            return
        first_id, last_id = values[0]["id"], values[-1]["id"]
        yield from _rows_of(values, {"work_id__gte": first_id, "work_id__lte": last_id})


def posted_work_rows_for(work_ids: Iterable[int]) -> Iterator[WorkRow]:
    """Rows for these works, when posted; small IN lists (SQLite caps query parameters)."""
    work_ids = sorted(work_ids)
    for start in range(0, len(work_ids), CHANGE_CHUNK):
        chunk = work_ids[start : start + CHANGE_CHUNK]
        values = list(Work.objects.filter(posted=True, id__in=chunk).values(*_FIELDS))
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


def _tag_names(tags) -> Iterator[TagName]:
    for tag_id, name, tag_type, merger_id in tags.values_list("id", "name", "type", "merger_id"):
        yield TagName(tag_id, name, tag_type, merger_id or tag_id)


def all_tag_names() -> Iterator[TagName]:
    """Every tag's name, in id order, a chunk at a time."""
    last_id = 0
    while True:
        chunk = list(_tag_names(Tag.objects.filter(id__gt=last_id).order_by("id")[:CHUNK]))
        if not chunk:
            return
        last_id = chunk[-1].tag_id
        yield from chunk


def tag_names_filtering_as(filter_tag_ids: Iterable[int]) -> list[TagName]:
    """The names a change may have touched: these tags and every synonym of them."""
    ids = sorted(filter_tag_ids)
    found: list[TagName] = []
    for start in range(0, len(ids), CHANGE_CHUNK):
        chunk = ids[start : start + CHANGE_CHUNK]
        found += _tag_names(Tag.objects.filter(Q(id__in=chunk) | Q(merger_id__in=chunk)))
    return found
