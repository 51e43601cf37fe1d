"""Fetching works with everything a blurb or work page shows, in a fixed number of queries."""

from django.db.models import Prefetch, QuerySet

from fanfold.series.models import SeriesWork
from fanfold.works.models import Creatorship, Tagging, Work


def with_details(works: QuerySet[Work]) -> QuerySet[Work]:
    return works.prefetch_related(
        Prefetch("taggings", queryset=Tagging.objects.select_related("tag")),
        Prefetch("creatorships", queryset=Creatorship.objects.select_related("pseud__user")),
        Prefetch("series_memberships", queryset=SeriesWork.objects.select_related("series")),
    )


def works_for_listing(works: QuerySet[Work]) -> QuerySet[Work]:
    """Newest update first, as AO3's work listings default to."""
    return with_details(works).order_by("-updated_on", "-id")
