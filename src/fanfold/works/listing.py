"""Fetching works with everything a blurb or work page shows, in a fixed number of queries."""

from collections.abc import Callable, Iterable

from django.db.models import Prefetch, QuerySet

from fanfold.lib.idlists import LARGEST_NUMBER
from fanfold.works.models import Creatorship, Tagging, Work

# Apps above works add what their part of a blurb shows (series: "Part 2 of"), at ready().
_details: list[Prefetch] = [
    Prefetch("taggings", queryset=Tagging.objects.select_related("tag")),
    Prefetch("creatorships", queryset=Creatorship.objects.select_related("pseud__user")),
]


def also_fetch_with_details(prefetch: Prefetch) -> None:
    _details.append(prefetch)


def with_details(works: QuerySet[Work]) -> QuerySet[Work]:
    return works.prefetch_related(*_details)


def works_for_listing(works: QuerySet[Work]) -> QuerySet[Work]:
    """Newest update first, as AO3's work listings default to."""
    return with_details(works).order_by("-updated_on", "-id")


def fetch_works_with_details(ids: Iterable[int]) -> dict[int, Work]:
    """Works by id with their details; ids no work can have are left out."""
    ids = [work_id for work_id in ids if 0 < work_id <= LARGEST_NUMBER]  # else a 500 on SQLite
    return with_details(Work.objects.filter(id__in=ids)).in_bulk()


# Works sits below caching in the apps' layers (pyproject.toml), so the caching app installs
# its loader here at ready(): the rows every reader sees alike, kept in memory (caching.shared).
_loader: Callable[[Iterable[int]], dict[int, Work]] = fetch_works_with_details


def load_works_with_details_by(loader: Callable[[Iterable[int]], dict[int, Work]]) -> None:
    global _loader
    _loader = loader


def works_with_details(ids: Iterable[int]) -> dict[int, Work]:
    """Works by id, with their details (missing ids are left out)."""
    return _loader(ids)
