"""The works filter as plain SQL through the ORM: the reference the index must agree with,
and the baseline `bench/filter.py` measures it against."""

import datetime

from django.db.models import Count, Exists, F, FloatField, OuterRef, QuerySet, Value
from django.db.models.functions import Cast, Greatest

from fanfold.search.criteria import FACET_TYPES, TEXT_SORTS, Criteria, SearchResult
from fanfold.search.fields import INDEXED_NUMBERS
from fanfold.search.index import FACETS_PER_TYPE, title_sort_key
from fanfold.search.models import FilterTagging
from fanfold.search.sqltext import works_matching_text
from fanfold.works.models import Work
from fanfold.works.visibility import Viewer, visible_works_for

ORDER_FIELDS = {
    **{number.sort: number.field for number in INDEXED_NUMBERS if number.sort},
    "_score": "id",  # the reference has no relevance model: compare the matches, not the order
    "kudos_hits_ratio": "kudos_hits_ratio",
    "words_per_chapter": "words_per_chapter",
}


_NUMBER_FILTERS = (("equals", ""), ("at_least", "__gte"), ("at_most", "__lte"))


def _tagged(tag_ids) -> Exists:
    return Exists(FilterTagging.objects.filter(work=OuterRef("pk"), tag_id__in=list(tag_ids)))


def matching_works(criteria: Criteria, viewer: Viewer) -> QuerySet[Work]:
    works = visible_works_for(viewer)
    if criteria.matches_nothing:
        return works.none()
    if criteria.within_work_ids is not None:
        works = works.filter(id__in=list(criteria.within_work_ids))
    if criteria.exclude_work_ids:
        works = works.exclude(id__in=list(criteria.exclude_work_ids))
    for tag_id in criteria.include_tag_ids:
        works = works.filter(_tagged([tag_id]))
    if criteria.rating_ids:
        works = works.filter(_tagged(criteria.rating_ids))
    if criteria.exclude_tag_ids:
        works = works.exclude(_tagged(criteria.exclude_tag_ids))
    for number in INDEXED_NUMBERS:
        for rule, lookup in _NUMBER_FILTERS:
            attribute = getattr(number, rule)
            if attribute and (wanted := getattr(criteria, attribute)) is not None:
                works = works.filter(**{number.field + lookup: wanted})
    if criteria.single_chapter:
        works = works.filter(chapter_count=1)
    if criteria.date_from is not None:
        works = works.filter(revised_at__gte=_midnight(criteria.date_from))
    if criteria.date_to is not None:
        works = works.filter(
            revised_at__lt=_midnight(criteria.date_to + datetime.timedelta(days=1))
        )
    if criteria.language is not None:
        works = works.filter(language=criteria.language)
    return works


def sql_search(
    criteria: Criteria, viewer: Viewer, offset: int, limit: int, facets: bool = True
) -> SearchResult:
    works = matching_works(criteria, viewer)
    if criteria.text is not None:
        works = works.filter(id__in=works_matching_text(works, criteria.text))
    if criteria.sort in TEXT_SORTS:
        return _search_in_python(works, criteria, offset, limit, facets)
    return SearchResult(
        work_ids=list(_ordered_ids(works, criteria)[offset : offset + limit]),
        total=works.count(),
        facets=_facets(works) if facets else {},
    )


def _ordered_ids(works: QuerySet[Work], criteria: Criteria) -> QuerySet:
    direction = "-" if criteria.descending else ""
    field = ORDER_FIELDS[criteria.sort]
    ordered = _with_ratios(works).order_by(f"{direction}{field}", f"{direction}id")
    return ordered.values_list("id", flat=True)


def _with_ratios(works: QuerySet[Work]) -> QuerySet[Work]:
    return works.annotate(
        kudos_hits_ratio=Cast(F("kudos_count"), FloatField())
        / Cast(Greatest(F("hit_count"), Value(1)), FloatField()),
        words_per_chapter=Cast(F("word_count"), FloatField())
        / Cast(Greatest(F("chapter_count"), Value(1)), FloatField()),
    )


def _search_in_python(works, criteria: Criteria, offset: int, limit: int, facets: bool):
    """Text sorts, done the slow obvious way for the reference."""
    rows = []
    for work in works.prefetch_related("creatorships__pseud"):
        creators = "" if work.anonymous else ", ".join(p.name for p in work.creator_pseuds)
        rows.append((work.pk, title_sort_key(work.title), creators.lower()))
    position = 1 if criteria.sort == "title_to_sort_on" else 2
    rows.sort(key=lambda row: (row[position], row[0]), reverse=criteria.descending)
    ids = [row[0] for row in rows]
    return SearchResult(ids[offset : offset + limit], len(ids), _facets(works) if facets else {})


def _facets(works: QuerySet[Work]) -> dict[str, list[tuple[int, int]]]:
    counts = (
        FilterTagging.objects.filter(work__in=works)
        .values("tag_id", "tag__type")
        .annotate(n=Count("id"))
        .order_by("-n", "tag_id")
    )
    facets: dict[str, list[tuple[int, int]]] = {tag_type: [] for tag_type in FACET_TYPES}
    for row in counts:
        found = facets.get(row["tag__type"])
        if found is not None and len(found) < FACETS_PER_TYPE:
            found.append((row["tag_id"], row["n"]))
    return facets


def _midnight(day: datetime.date) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, tzinfo=datetime.UTC)
