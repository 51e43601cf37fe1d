"""Everything a work derives from its chapters: word count, chapter count, dates, completion."""

import datetime

from django.db.models import Count, Max, Min, Q, Sum
from django.utils import timezone

from fanfold.works.models import Work


def moment_of(day: datetime.date | None) -> datetime.datetime | None:
    """A backdated change happened at noon UTC of its day."""
    if day is None:
        return None
    return datetime.datetime.combine(day, datetime.time(12), tzinfo=datetime.UTC)


def refresh_work_stats(work: Work, revised_at: datetime.datetime | None = None) -> None:
    """Recompute the derived fields from posted chapters and save them (one query each way).

    Every call is a change to the work: `revised_at` is now, unless a backdated post says when.
    """
    totals = work.chapters.aggregate(
        words=Sum("word_count", filter=Q(posted=True)),
        chapters=Count("id", filter=Q(posted=True)),
        first=Min("published_on", filter=Q(posted=True)),
        last=Max("published_on", filter=Q(posted=True)),
    )
    work.word_count = totals["words"] or 0
    work.chapter_count = totals["chapters"]
    if work.posted:
        work.published_on = totals["first"] or work.published_on
        work.updated_on = totals["last"] or work.published_on
    work.revised_at = revised_at or timezone.now()
    expected = work.expected_chapters
    work.complete = bool(expected) and work.chapter_count >= (expected or 0)
    work.save(
        update_fields=[
            "word_count",
            "chapter_count",
            "published_on",
            "updated_on",
            "complete",
            "revised_at",
            "modified_at",
        ]
    )
