"""Everything a work derives from its chapters: word count, chapter count, dates, completion."""

from django.db.models import Count, Max, Min, Q, Sum

from fanfold.works.models import Work


def refresh_work_stats(work: Work) -> None:
    """Recompute the derived fields from posted chapters and save them (one query each way)."""
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
    expected = work.expected_chapters
    work.complete = bool(expected) and work.chapter_count >= (expected or 0)
    work.save(
        update_fields=[
            "word_count",
            "chapter_count",
            "published_on",
            "updated_on",
            "complete",
            "modified_at",
        ]
    )
