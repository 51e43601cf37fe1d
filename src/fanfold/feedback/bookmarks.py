"""Bookmarks, reading shelves (Marked for Later is "Want to read") and reading history."""

from django.db import IntegrityError, transaction
from django.db.models import F, Q, QuerySet
from django.utils import timezone

from fanfold.accounts.models import User
from fanfold.feedback.models import Bookmark, Reading, Shelf
from fanfold.search.filtertags import mark_works_changed
from fanfold.tags.models import TagType
from fanfold.tags.naming import find_or_create_tags
from fanfold.works.models import Chapter, Work
from fanfold.works.visibility import Viewer


def save_bookmark(
    user: User, work: Work, *, notes: str, tag_names: list[str], private: bool, rec: bool
) -> Bookmark:
    """Creates or updates; the work's public bookmark count moves with what others can see."""
    with transaction.atomic():
        bookmark = Bookmark.objects.select_for_update().filter(user=user, work=work).first()
        was_public = bookmark is not None and not bookmark.private
        bookmark = bookmark or Bookmark(user=user, work=work)
        bookmark.notes, bookmark.private, bookmark.rec = notes, private, rec
        try:
            bookmark.save()
        except IntegrityError:  # a second tab saved first: update that one instead
            return save_bookmark(
                user, work, notes=notes, tag_names=tag_names, private=private, rec=rec
            )
        bookmark.tags.set(find_or_create_tags(TagType.FREEFORM, tag_names))
        _recount(work, was_public, not private)
    return bookmark


def delete_bookmark(bookmark: Bookmark) -> None:
    with transaction.atomic():
        bookmark.delete()
        _recount(bookmark.work, not bookmark.private, False)


def _recount(work: Work, was_public: bool, is_public: bool) -> None:
    if was_public != is_public:
        Work.objects.filter(pk=work.pk).update(
            bookmark_count=F("bookmark_count") + (1 if is_public else -1)
        )
        mark_works_changed([work.pk])


def bookmarks_visible_to(viewer: Viewer, owner: User) -> QuerySet[Bookmark]:
    bookmarks = owner.bookmarks.select_related("work").prefetch_related("tags")
    return (
        bookmarks
        if viewer.is_authenticated and viewer.pk == owner.pk
        else bookmarks.filter(private=False)
    )


def bookmark_filter(bookmarks: QuerySet[Bookmark], query) -> QuerySet[Bookmark]:
    """AO3's bookmark-only filters; the work filters run through the filter index."""
    if query.get("bookmark_search[rec]") == "T":
        bookmarks = bookmarks.filter(rec=True)
    if query.get("bookmark_search[with_notes]") == "T":
        bookmarks = bookmarks.exclude(notes="")
    names = [
        n.strip()
        for n in query.get("bookmark_search[other_bookmark_tag_names]", "").split(",")
        if n.strip()
    ]
    for name in names:
        bookmarks = bookmarks.filter(tags__name__iexact=name)
    return bookmarks


def put_on_shelf(user: User, work: Work, shelf: str) -> Reading:
    reading, _ = Reading.objects.get_or_create(user=user, work=work)
    reading.shelf = shelf
    reading.save(update_fields=["shelf", "updated_at"])
    return reading


def record_reading(user: User, work: Work, chapter: Chapter | None) -> None:
    """History, when the reader keeps it: last visit, visit count, last chapter read."""
    if not user.preference.keep_history:
        return
    updated = Reading.objects.filter(user=user, work=work).update(
        last_visited=timezone.now(), visits=F("visits") + 1, last_chapter=chapter
    )
    if not updated:
        Reading.objects.get_or_create(
            user=user,
            work=work,
            defaults={"last_visited": timezone.now(), "visits": 1, "last_chapter": chapter},
        )


def clear_history(user: User) -> None:
    """Forgets visits; what is on a shelf (Marked for Later included) stays."""
    user.readings.filter(shelf="").delete()
    user.readings.update(last_visited=None, visits=0, last_chapter=None)


def shelved(user: User, shelf: str) -> QuerySet[Reading]:
    return user.readings.filter(shelf=shelf).select_related("work")


def finished_work_ids(user: User) -> frozenset[int]:
    return frozenset(user.readings.filter(shelf=Shelf.FINISHED).values_list("work_id", flat=True))


def history(user: User) -> QuerySet[Reading]:
    return user.readings.filter(~Q(last_visited=None)).select_related("work", "last_chapter")
