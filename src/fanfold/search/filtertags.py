"""Deriving each work's filter tags after a tag change or wrangling, and logging the change."""

from collections import defaultdict
from collections.abc import Iterable

from django.db import transaction

from fanfold.search.models import FilterTagging, IndexChange
from fanfold.tags.models import MetaTagging, Tag, TagType
from fanfold.works.models import Tagging, Work

BATCH = 1000


def mark_works_changed(work_ids: Iterable[int]) -> None:
    """Tells every process's filter index to re-read these works."""
    IndexChange.objects.bulk_create([IndexChange(work_id=work_id) for work_id in work_ids])


def _meta_closure(tag_ids: set[int]) -> dict[int, set[int]]:
    """For each tag: itself and every meta tag above it, transitively."""
    parents: dict[int, set[int]] = defaultdict(set)
    frontier, seen = set(tag_ids), set(tag_ids)
    while frontier:
        links = MetaTagging.objects.filter(sub_id__in=frontier).values_list("sub_id", "meta_id")
        frontier = set()
        for sub_id, meta_id in links:
            parents[sub_id].add(meta_id)
            if meta_id not in seen:
                seen.add(meta_id)
                frontier.add(meta_id)
    closure: dict[int, set[int]] = {}

    def up(tag_id: int, trail: frozenset[int]) -> set[int]:
        if tag_id not in closure:
            found = {tag_id}
            for parent in parents[tag_id] - trail:  # a wrangling cycle must not loop forever
                found |= up(parent, trail | {tag_id})
            closure[tag_id] = found
        return closure[tag_id]

    return {tag_id: up(tag_id, frozenset()) for tag_id in tag_ids}


def _is_crossover(fandom_ids: set[int], closure: dict[int, set[int]]) -> bool:
    """Two fandoms with no meta tag in common make a crossover (AO3's rule)."""
    fandoms = sorted(fandom_ids)
    return any(
        not (closure[a] & closure[b]) for i, a in enumerate(fandoms) for b in fandoms[i + 1 :]
    )


def refresh_filter_tags(work_ids: Iterable[int]) -> None:
    work_ids = list(work_ids)
    for start in range(0, len(work_ids), BATCH):
        with transaction.atomic():
            _refresh_batch(work_ids[start : start + BATCH])


def _refresh_batch(work_ids: list[int]) -> None:
    taggings = list(Tagging.objects.filter(work_id__in=work_ids).values_list("work_id", "tag_id"))
    tag_info = {
        tag_id: (merger_id or tag_id, tag_type)
        for tag_id, merger_id, tag_type in Tag.objects.filter(
            id__in={tag_id for _, tag_id in taggings}
        ).values_list("id", "merger_id", "type")
    }
    closure = _meta_closure({canonical for canonical, _ in tag_info.values()})
    filter_tags: dict[int, set[int]] = defaultdict(set)
    fandoms: dict[int, set[int]] = defaultdict(set)
    for work_id, tag_id in taggings:
        canonical, tag_type = tag_info[tag_id]
        filter_tags[work_id] |= closure[canonical]
        if tag_type == TagType.FANDOM:
            fandoms[work_id].add(canonical)
    FilterTagging.objects.filter(work_id__in=work_ids).delete()
    FilterTagging.objects.bulk_create(
        FilterTagging(work_id=work_id, tag_id=tag_id)
        for work_id, tags in filter_tags.items()
        for tag_id in tags
    )
    crossovers = [w for w in work_ids if _is_crossover(fandoms[w], closure)]
    # The plain manager: the change is logged once below, not announced again per update.
    works = Work._base_manager.filter(id__in=work_ids)
    works.exclude(id__in=crossovers).update(crossover=False)
    works.filter(id__in=crossovers).update(crossover=True)
    mark_works_changed(work_ids)


def works_affected_by(tag_ids: Iterable[int]) -> list[int]:
    """Works whose filter tags depend on these tags: tagged with them, their synonyms or subs."""
    affected, frontier = set(tag_ids), set(tag_ids)
    while frontier:
        below = set(Tag.objects.filter(merger_id__in=frontier).values_list("id", flat=True))
        below |= set(
            MetaTagging.objects.filter(meta_id__in=frontier).values_list("sub_id", flat=True)
        )
        frontier = below - affected
        affected |= frontier
    return sorted(
        set(Tagging.objects.filter(tag_id__in=affected).values_list("work_id", flat=True))
    )
