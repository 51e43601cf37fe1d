"""Works and their chapters: listing with the filter, one work, chapters; posting and adding chapters."""

from django.http import HttpRequest
from ninja import Query, Router, Status

from fanfold.api import writes
from fanfold.api.auth import TOKEN_ONLY, reading_viewer, require_scope
from fanfold.api.endpoints import REFUSALS
from fanfold.api.listing import TAG_ID_PARAMETERS, WorkFilter, list_works
from fanfold.api.present import chapter_out, work_out
from fanfold.api.schemas import ChapterOut, ChapterTextOut, WorkListOut, WorkOut
from fanfold.downloads.service import available_formats
from fanfold.works.reading import chapter_of, readable_work
from fanfold.works.visibility import visible_chapters

router = Router(tags=["works"])

# The tag id lists of the filter, documented beside the declared parameters.
FILTER_EXTRA = {
    "parameters": [
        {
            "name": name,
            "in": "query",
            "required": False,
            "schema": {"type": "array", "items": {"type": "string"}},
            "description": "Fanfold tag ids or tag names",
        }
        for name in TAG_ID_PARAMETERS
    ]
}


@router.get("/works", response={200: WorkListOut, **REFUSALS}, openapi_extra=FILTER_EXTRA)
def works(request: HttpRequest, filters: Query[WorkFilter]):
    """Posted works the caller may see, filtered and sorted like /works, with totals and facets."""
    return list_works(request, reading_viewer(request))


@router.get("/works/{work_id}", response={200: WorkOut, **REFUSALS})
def work(request: HttpRequest, work_id: int):
    """One work with its whole preface and stats (chapter texts are under /chapters)."""
    reading_viewer(request)
    found = readable_work(request, work_id)
    return work_out(found, available_formats(), found.hit_count)


@router.get("/works/{work_id}/chapters", response={200: list[ChapterOut], **REFUSALS})
def chapters(request: HttpRequest, work_id: int):
    viewer = reading_viewer(request)
    found = readable_work(request, work_id)
    return [chapter_out(chapter) for chapter in visible_chapters(viewer, found)]


@router.get("/works/{work_id}/chapters/{chapter_id}", response={200: ChapterTextOut, **REFUSALS})
def chapter(request: HttpRequest, work_id: int, chapter_id: int):
    """One chapter with its sanitised HTML text."""
    reading_viewer(request)
    found = readable_work(request, work_id)
    return chapter_out(chapter_of(request, found, chapter_id), with_body=True)


@router.post("/works", auth=TOKEN_ONLY, response={201: WorkOut, **REFUSALS})
def post_work(request: HttpRequest, payload: writes.WorkIn):
    """Posts a work (or saves a draft with "post": false) through the web form's validation."""
    token = require_scope(request, "post")
    work = writes.post_work(token.user, payload)
    return Status(201, work_out(readable_work(request, work.pk), available_formats()))


@router.post(
    "/works/{work_id}/chapters", auth=TOKEN_ONLY, response={201: ChapterTextOut, **REFUSALS}
)
def add_chapter(request: HttpRequest, work_id: int, payload: writes.ChapterIn):
    token = require_scope(request, "post")
    work = writes.editable_work(token.user, work_id)
    return Status(201, chapter_out(writes.add_chapter(work, payload), with_body=True))
