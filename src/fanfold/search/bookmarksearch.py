"""Bookmark search (AO3's /bookmarks/search): the bookmarker's notes and tags, the work's fields
through the works index, and the date the bookmark was made."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet
from django.http import QueryDict

from fanfold.feedback.models import Bookmark
from fanfold.lib.idlists import one_of
from fanfold.search.audience import audience_for
from fanfold.search.criteria import Criteria
from fanfold.search.query import QueryError, parse_query
from fanfold.search.registry import current_index
from fanfold.search.searchform import SearchFields, read_date_range
from fanfold.search.words import every_word_in
from fanfold.works.visibility import Viewer, visible_works_for

SORTS = {"created_at": "Date Bookmarked", "bookmarkable_date": "Date Updated"}


@dataclass
class BookmarkResults:
    bookmarks: QuerySet[Bookmark] = field(default_factory=Bookmark.objects.none)
    errors: list[str] = field(default_factory=list)


def _param(query: QueryDict, name: str) -> str:
    return query.get(f"bookmark_search[{name}]", "").strip()


def find_bookmarks(query: QueryDict, viewer: Viewer) -> BookmarkResults:
    found = BookmarkResults()
    # Public bookmarks, and the viewer's own private ones, of works the viewer may see.
    bookmarks = Bookmark.objects.filter(work__isnull=False)
    mine = Q(user_id=viewer.pk) if viewer.is_authenticated else Q(pk__in=[])
    bookmarks = bookmarks.filter(Q(private=False) | mine)
    try:
        work_text = parse_query(_param(query, "bookmarkable_query"))
    except QueryError as error:
        found.errors.append(f"Work: {error}")
        return found
    if work_text is None:
        bookmarks = bookmarks.filter(work__in=visible_works_for(viewer))
    else:
        matched = current_index().matching_work_ids(Criteria(text=work_text), audience_for(viewer))
        bookmarks = bookmarks.filter(one_of("work_id", matched.tolist()))
    bookmarks = bookmarks.filter(
        every_word_in(Bookmark, ("notes", "tags__name"), _param(query, "bookmark_query"))
        & every_word_in(Bookmark, ("notes",), _param(query, "bookmark_notes"))
        & every_word_in(Bookmark, ("user__username",), _param(query, "bookmarker"))
    )
    for name in [
        n.strip() for n in _param(query, "other_bookmark_tag_names").split(",") if n.strip()
    ]:
        bookmarks = bookmarks.filter(tags__name__iexact=name)
    if _param(query, "rec") in ("1", "T", "true"):
        bookmarks = bookmarks.filter(rec=True)
    if _param(query, "with_notes") in ("1", "T", "true"):
        bookmarks = bookmarks.exclude(notes="")
    dates = SearchFields()
    read_date_range(_param(query, "date"), dates, "Date bookmarked")
    found.errors += dates.errors
    if dates.date_from:
        bookmarks = bookmarks.filter(created_at__gte=_midnight(dates.date_from))
    if dates.date_to:
        bookmarks = bookmarks.filter(
            created_at__lt=_midnight(dates.date_to + datetime.timedelta(days=1))
        )
    order = (
        "-work__revised_at"
        if _param(query, "sort_column") == "bookmarkable_date"
        else "-created_at"
    )
    found.bookmarks = (
        bookmarks.distinct()
        .select_related("user", "work")
        .prefetch_related("tags")
        .order_by(order, "-id")
    )
    return found


def _midnight(day: datetime.date) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, tzinfo=datetime.UTC)
