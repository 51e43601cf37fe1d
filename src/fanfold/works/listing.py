"""Fetching works with everything a blurb or work page shows, in a fixed number of queries."""

from django.db.models import Prefetch, QuerySet

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
