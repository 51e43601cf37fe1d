"""Kudos, comments and bookmarks on a work: reading them, and leaving them with a token."""

from django.http import HttpRequest
from ninja import Router, Status

from fanfold.api import writes
from fanfold.api.auth import TOKEN_ONLY, reading_viewer, require_scope
from fanfold.api.endpoints import REFUSALS
from fanfold.api.listing import cursor_page
from fanfold.api.present import bookmark_out, comment_out, work_out
from fanfold.api.schemas import BookmarkOut, BookmarkPage, CommentOut, CommentPage, KudosOut
from fanfold.downloads.service import available_formats
from fanfold.feedback.comments import visible_comments
from fanfold.lib.ratelimits import client_ip
from fanfold.works.reading import readable_work

router = Router(tags=["feedback"])


def _kudos(work) -> dict:
    names = work.kudos.exclude(user=None).order_by("-id").values_list("user__username", flat=True)
    return {
        "work_id": work.pk,
        "users": list(names),
        "guests": work.kudos.filter(user=None).count(),
    }


@router.get("/works/{work_id}/kudos", response={200: KudosOut, **REFUSALS})
def kudos(request: HttpRequest, work_id: int):
    """Who left kudos: user names, newest first, and the number of guests."""
    reading_viewer(request)
    return _kudos(readable_work(request, work_id))


@router.post("/works/{work_id}/kudos", auth=TOKEN_ONLY, response={201: KudosOut, **REFUSALS})
def leave_kudos(request: HttpRequest, work_id: int):
    require_scope(request, "kudos")
    work = readable_work(request, work_id)
    writes.kudos(work, request.user, client_ip(request))  # type: ignore[arg-type]
    return Status(201, _kudos(work))


@router.get("/works/{work_id}/comments", response={200: CommentPage, **REFUSALS})
def comments(request: HttpRequest, work_id: int, cursor: str | None = None):
    """The comments the caller may see, oldest first; replies carry their parent_id."""
    viewer = reading_viewer(request)
    work = readable_work(request, work_id)
    items, total, following = cursor_page(visible_comments(work, viewer), cursor)
    return {"total": total, "comments": [comment_out(c) for c in items], "next_cursor": following}


@router.post("/works/{work_id}/comments", auth=TOKEN_ONLY, response={201: CommentOut, **REFUSALS})
def comment(request: HttpRequest, work_id: int, payload: writes.CommentIn):
    require_scope(request, "comment")
    work = readable_work(request, work_id)
    posted = writes.comment(work, request.user, payload, client_ip(request))  # type: ignore[arg-type]
    return Status(201, comment_out(posted))


@router.get("/works/{work_id}/bookmarks", response={200: BookmarkPage, **REFUSALS})
def work_bookmarks(request: HttpRequest, work_id: int, cursor: str | None = None):
    """Public bookmarks of a work."""
    reading_viewer(request)
    work = readable_work(request, work_id)
    public = work.bookmarks.filter(private=False).select_related("user").prefetch_related("tags")
    items, total, following = cursor_page(public, cursor)
    return {
        "total": total,
        "bookmarks": [bookmark_out(bookmark, None) for bookmark in items],
        "next_cursor": following,
    }


@router.put("/works/{work_id}/bookmark", auth=TOKEN_ONLY, response={200: BookmarkOut, **REFUSALS})
def bookmark(request: HttpRequest, work_id: int, payload: writes.BookmarkIn):
    """Creates or replaces the caller's bookmark of this work."""
    require_scope(request, "bookmark")
    work = readable_work(request, work_id)
    saved = writes.bookmark(work, request.user, payload)  # type: ignore[arg-type]
    return bookmark_out(saved, work_out(work, available_formats()))
