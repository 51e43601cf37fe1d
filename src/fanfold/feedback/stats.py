"""An author's statistics: per work and in total, sortable, by fandom and year, hits over time."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone

from fanfold.accounts.models import User
from fanfold.feedback.models import DailyHits
from fanfold.tags.models import TagType
from fanfold.works.models import Work

SORTS = {"hits": "hit_count", "kudos": "kudos_count", "comments": "threads", "bookmarks": "bookmark_count",
         "subscriptions": "subscribers", "words": "word_count", "title": "title", "date": "published_on"}  # fmt: skip
CHART_DAYS = 90
CHART_WIDTH, CHART_HEIGHT = 600, 160


@dataclass
class Chart:
    points: str  # SVG polyline points
    peak: int
    first_day: datetime.date
    last_day: datetime.date
    total: int


def author_works(
    user: User, fandom: str = "", year: str = "", sort: str = "hits"
) -> QuerySet[Work]:
    works = Work.objects.filter(posted=True, creatorships__pseud__user=user).distinct()
    if fandom:
        works = works.filter(taggings__tag__type=TagType.FANDOM, taggings__tag__name=fandom)
    if year.isdigit():
        works = works.filter(published_on__year=int(year))
    works = works.annotate(
        threads=Count(
            "comments",
            filter=Q(comments__parent=None, comments__deleted=False, comments__approved=True),
            distinct=True,
        ),
        subscribers=Count("subscriptions", distinct=True),
    )
    field = SORTS.get(sort, "hit_count")
    return works.order_by(field if field in {"title"} else f"-{field}", "-id")


def totals(works: QuerySet[Work]) -> dict:
    ids = list(works.values_list("id", flat=True))
    summed = Work.objects.filter(id__in=ids).aggregate(
        hits=Sum("hit_count"),
        kudos=Sum("kudos_count"),
        bookmarks=Sum("bookmark_count"),
        words=Sum("word_count"),
    )
    # Summed in Python: an aggregate over these distinct-count annotations would double count.
    counted = list(works.values_list("threads", "subscribers"))  # type: ignore[misc] # annotations
    return {key: value or 0 for key, value in summed.items()} | {
        "threads": sum(threads for threads, _ in counted),
        "subscribers": sum(subscribers for _, subscribers in counted),
        "works": len(ids),
    }


def hits_chart(works: QuerySet[Work]) -> Chart:
    last = timezone.localdate()
    first = last - datetime.timedelta(days=CHART_DAYS - 1)
    rows = (
        DailyHits.objects.filter(work__in=works.values("id"), day__gte=first)
        .values("day")
        .annotate(n=Sum("hits"))
    )
    by_day = {row["day"]: row["n"] for row in rows}
    counts = [by_day.get(first + datetime.timedelta(days=i), 0) for i in range(CHART_DAYS)]
    peak = max(counts) or 1
    step = CHART_WIDTH / (CHART_DAYS - 1)
    points = " ".join(
        f"{i * step:.1f},{CHART_HEIGHT - count * CHART_HEIGHT / peak:.1f}"
        for i, count in enumerate(counts)
    )
    return Chart(points=points, peak=max(counts), first_day=first, last_day=last, total=sum(counts))
