"""Adding, editing, posting, deleting and reordering chapters."""

import datetime

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from fanfold.works.changes import work_published
from fanfold.works.models import Chapter, Work
from fanfold.works.stats import moment_of, refresh_work_stats


class ChapterError(Exception):
    """A chapter change that the archive refuses, with a sentence for the creator."""


def add_chapter(
    work: Work, chapter: Chapter, *, post: bool, published_on: datetime.date | None = None
) -> Chapter:
    """Appends a chapter; it is posted only when asked and the work itself is posted.

    `published_on` backdates it (imports and demo data); otherwise it is dated today.
    """
    with transaction.atomic():
        last = work.chapters.aggregate(last=Max("position"))["last"] or 0
        chapter.work = work
        chapter.position = last + 1
        chapter.posted = post and work.posted
        if chapter.posted:
            chapter.published_on = published_on or timezone.localdate()
        chapter.save()
        refresh_work_stats(work, moment_of(published_on))
        if chapter.posted:
            work_published.send(Work, work=work, chapter=chapter)
    return chapter


def save_chapter(chapter: Chapter) -> Chapter:
    with transaction.atomic():
        chapter.save()
        refresh_work_stats(chapter.work)
    return chapter


def post_chapter(chapter: Chapter) -> Chapter:
    if not chapter.work.posted:
        raise ChapterError("Post the work first; its chapters are posted with it.")
    chapter.posted = True
    chapter.published_on = timezone.localdate()
    with transaction.atomic():  # the chapter and the subscribers' e-mail task, or neither
        save_chapter(chapter)
        work_published.send(Work, work=chapter.work, chapter=chapter)
    return chapter


def delete_chapter(chapter: Chapter) -> None:
    work = chapter.work
    if work.chapters.count() <= 1:
        raise ChapterError("A work needs at least one chapter; delete the work instead.")
    with transaction.atomic():
        chapter.delete()
        _renumber(list(work.chapters.order_by("position", "id")))
        refresh_work_stats(work)


def reorder_chapters(work: Work, chapter_ids_in_order: list[int]) -> None:
    chapters = {chapter.pk: chapter for chapter in work.chapters.all()}
    if sorted(chapter_ids_in_order) != sorted(chapters):
        raise ChapterError("The new order must list every chapter of the work exactly once.")
    with transaction.atomic():
        _renumber([chapters[pk] for pk in chapter_ids_in_order])
        refresh_work_stats(work)


def _renumber(chapters: list[Chapter]) -> None:
    for position, chapter in enumerate(chapters, start=1):
        if chapter.position != position:
            Chapter.objects.filter(pk=chapter.pk).update(position=position)
