"""Tags (with their wrangling), series, users and pseuds, and the works listed under each."""

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Query, Router

from fanfold.accounts.models import User
from fanfold.api.auth import reading_viewer
from fanfold.api.endpoints import REFUSALS
from fanfold.api.endpoints.works import FILTER_EXTRA
from fanfold.api.listing import WorkFilter, list_works
from fanfold.api.present import (
    bookmark_out,
    creator_ref,
    pseud_out,
    tag_ref,
    tag_refs,
    user_out,
    work_out,
)
from fanfold.api.schemas import BookmarkPage, PseudOut, SeriesOut, TagOut, UserOut, WorkListOut
from fanfold.downloads.service import available_formats
from fanfold.feedback.bookmarks import bookmarks_visible_to
from fanfold.pages.accounts.views import _pseud_named, _user_named
from fanfold.search.service import count_works
from fanfold.series.models import Series
from fanfold.tags.models import Tag
from fanfold.tags.urlnames import unescape_tag_name
from fanfold.works.listing import with_details
from fanfold.works.models import Creatorship, Work
from fanfold.works.visibility import (
    Viewer,
    credited_to,
    is_admin,
    known_tag_or_404,
    visible_works_for,
)

router = Router(tags=["catalogue"])


def _tag_named(viewer: Viewer, escaped: str) -> Tag:
    # Path parameters arrive with AO3's *s* escapes still in them; the web's converter undoes them.
    return known_tag_or_404(viewer, unescape_tag_name(escaped))


@router.get("/tags/{name}", response={200: TagOut, **REFUSALS})
def tag(request: HttpRequest, name: str):
    """A tag and its wrangling: synonyms, parents and children, meta and sub tags."""
    viewer = reading_viewer(request)
    found = _tag_named(viewer, name)
    return {
        **tag_ref(found),
        "canonical": found.canonical,
        "work_count": count_works(found, viewer),
        "synonym_of": tag_ref(found.merger) if found.merger else None,
        "synonyms": tag_refs(found.synonyms.order_by("name")),
        "parents": tag_refs(found.parents.order_by("type", "name")),
        "children": tag_refs(found.children.order_by("type", "name")[:200]),
        "meta_tags": tag_refs(Tag.objects.filter(sub_links__sub=found).order_by("name")),
        "sub_tags": tag_refs(Tag.objects.filter(meta_links__meta=found).order_by("name")),
    }


@router.get(
    "/tags/{name}/works", response={200: WorkListOut, **REFUSALS}, openapi_extra=FILTER_EXTRA
)
def tag_works(request: HttpRequest, name: str, filters: Query[WorkFilter]):
    """Works the tag finds (its synonyms and sub tags too), with the filter."""
    viewer = reading_viewer(request)
    return list_works(request, viewer, base_tag=_tag_named(viewer, name))


@router.get("/series/{series_id}", response={200: SeriesOut, **REFUSALS})
def series(request: HttpRequest, series_id: int):
    """A series and its parts the caller may see, in part order."""
    viewer = reading_viewer(request)
    found = get_object_or_404(Series.objects.prefetch_related("creators__user"), pk=series_id)
    visible = with_details(visible_works_for(viewer).filter(series_memberships__series=found))
    works = list(visible.order_by("series_memberships__position"))
    is_creator = viewer.is_authenticated and found.creators.filter(user=viewer).exists()
    if not works and not is_creator:
        raise Http404("No such series.")  # a series of hidden works must not leak its title
    anonymous = any(work.anonymous for work in works) and not (is_creator or is_admin(viewer))
    formats = available_formats()
    parts = {place.work_id: place.position for place in found.memberships.all()}
    return {
        "id": found.pk,
        "url": found.get_absolute_url(),
        "title": found.title,
        "summary": found.summary,
        "notes": found.notes,
        "complete": found.complete,
        "anonymous": anonymous,
        "creators": [] if anonymous else [creator_ref(p) for p in found.creators.all()],
        "word_count": sum(work.word_count for work in works),
        "updated_on": max((work.updated_on for work in works if work.updated_on), default=None),
        "parts": [{"part": parts[work.pk], "work": work_out(work, formats)} for work in works],
    }


def _credited_ids(viewer: Viewer, creator: User, creatorships) -> frozenset[int]:
    works = credited_to(viewer, Work.objects.filter(creatorships__in=creatorships), creator)
    return frozenset(works.values_list("id", flat=True))


@router.get("/users/{login}", response={200: UserOut, **REFUSALS})
def user(request: HttpRequest, login: str):
    viewer = reading_viewer(request)
    found = _user_named(login)
    works = visible_works_for(viewer).filter(creatorships__pseud__user=found).distinct()
    return user_out(found, credited_to(viewer, works, found).count())


@router.get(
    "/users/{login}/works", response={200: WorkListOut, **REFUSALS}, openapi_extra=FILTER_EXTRA
)
def user_works(request: HttpRequest, login: str, filters: Query[WorkFilter]):
    viewer = reading_viewer(request)
    found = _user_named(login)
    within = _credited_ids(viewer, found, Creatorship.objects.filter(pseud__user=found))
    return list_works(request, viewer, within_work_ids=within)


@router.get("/users/{login}/pseuds/{pseud}", response={200: PseudOut, **REFUSALS})
def pseud(request: HttpRequest, login: str, pseud: str):
    reading_viewer(request)
    return pseud_out(_pseud_named(login, pseud))


@router.get(
    "/users/{login}/pseuds/{pseud}/works",
    response={200: WorkListOut, **REFUSALS},
    openapi_extra=FILTER_EXTRA,
)
def pseud_works(request: HttpRequest, login: str, pseud: str, filters: Query[WorkFilter]):
    viewer = reading_viewer(request)
    found = _pseud_named(login, pseud)
    within = _credited_ids(viewer, found.user, Creatorship.objects.filter(pseud=found))
    return list_works(request, viewer, within_work_ids=within)


@router.get("/users/{login}/bookmarks", response={200: BookmarkPage, **REFUSALS})
def user_bookmarks(request: HttpRequest, login: str, cursor: str | None = None):
    """A user's bookmarks of works the caller may see (private ones only for their owner)."""
    viewer = reading_viewer(request)
    bookmarks = bookmarks_visible_to(viewer, _user_named(login)).exclude(work=None)
    within = frozenset(bookmarks.values_list("work_id", flat=True))
    listed = list_works(request, viewer, within_work_ids=within)
    shown = bookmarks.filter(work_id__in=[work["id"] for work in listed["works"]])
    by_work = {bookmark.work_id: bookmark for bookmark in shown.select_related("user")}
    return {
        "total": listed["total"],
        "bookmarks": [bookmark_out(by_work[work["id"]], work) for work in listed["works"]],
        "next_cursor": listed["next_cursor"],
    }
