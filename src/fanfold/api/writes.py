"""API writes go through the web's forms and domain functions: the same validation, sanitising and limits."""

import datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.forms import BaseForm
from django.http import Http404
from django.utils.datastructures import MultiValueDict
from ninja import Field, Schema

from fanfold.accounts.models import User
from fanfold.api.errors import ApiError
from fanfold.feedback import comments
from fanfold.feedback.bookmarks import save_bookmark
from fanfold.feedback.forms import BookmarkForm, CommentForm
from fanfold.feedback.kudos import KudosResult, leave_kudos
from fanfold.feedback.models import Bookmark, Comment
from fanfold.lib.ratelimits import enforce
from fanfold.pages.works.forms import ChapterForm, FirstChapterForm, WorkForm
from fanfold.series.placement import save_work_in_series
from fanfold.works import chapters as chapter_actions
from fanfold.works.models import Chapter, Work
from fanfold.works.visibility import Access, can_edit_work, visible_chapters, work_access


class WorkIn(Schema):
    title: str
    rating: str = Field(
        description="General Audiences, Teen And Up Audiences, Mature, Explicit or Not Rated"
    )
    warnings: list[str]
    fandoms: list[str]
    body: str = Field(description="The first chapter's text, HTML (sanitised on the way in)")
    chapter_title: str = ""
    categories: list[str] = []
    relationships: list[str] = []
    characters: list[str] = []
    freeforms: list[str] = []
    pseuds: list[str] = Field([], description="names of your pseuds; your default pseud if empty")
    summary: str = ""
    notes: str = ""
    end_notes: str = ""
    language: str = "en"
    expected_chapters: int | None = 1
    restricted: bool = False
    # Unrevealed and anonymous come from the collections the work is posted to.
    collection_names: list[str] = Field([], description="names of collections to post to")
    recipients: list[str] = Field(
        [], description="gift recipients: user names, “pseud (user name)” or any name"
    )
    comment_permission: str = "users"
    moderated_comments: bool = False
    backdate: datetime.date | None = None
    post: bool = Field(True, description="false saves a draft only you can see")


class ChapterIn(Schema):
    body: str
    title: str = ""
    summary: str = ""
    notes: str = ""
    end_notes: str = ""
    post: bool = True


class BookmarkIn(Schema):
    notes: str = ""
    tags: list[str] = []
    private: bool = False
    rec: bool = False


class CommentIn(Schema):
    body: str
    chapter_id: int | None = None
    parent_id: int | None = None


def _form_data(values: dict) -> MultiValueDict:
    """JSON values as a browser would post them: lists as repeated keys, false booleans absent."""
    data: MultiValueDict[str, str] = MultiValueDict()
    for name, value in values.items():
        if value is None or value is False:
            continue
        if isinstance(value, list):
            data.setlist(name, [str(item) for item in value])
        else:
            data[name] = "on" if value is True else str(value)
    return data


def _valid(*forms: BaseForm) -> None:
    fields: dict[str, list[str]] = {}
    for form in forms:
        if not form.is_valid():
            for name, errors in form.errors.get_json_data().items():
                key = f"{form.prefix}-{name}" if form.prefix and name != "__all__" else name
                fields.setdefault(key, []).extend(error["message"] for error in errors)
    if fields:
        raise ApiError(422, "The archive refused some of the fields.", fields)


def _pseud_ids(user: User, names: list[str]) -> list[int]:
    if not names:
        return [user.default_pseud.pk]
    pseuds = {pseud.name.lower(): pseud.pk for pseud in user.pseuds.all()}
    unknown = [name for name in names if name.lower() not in pseuds]
    if unknown:
        raise ApiError(422, "You have no pseud by that name.", {"pseuds": unknown})
    return [pseuds[name.lower()] for name in names]


def post_work(user: User, payload: WorkIn) -> Work:
    values = payload.dict()
    # Typed into one comma-separated field on the web form.
    comma_lists = (
        "fandoms", "relationships", "characters", "freeforms", "collection_names", "recipients",
    )  # fmt: skip
    work_values = {
        **{name: values[name] for name in values if name not in ("body", "chapter_title", "post")},
        **{name: ", ".join(values[name]) for name in comma_lists},
        "pseuds": _pseud_ids(user, payload.pseuds),
    }
    form = WorkForm(_form_data(work_values), user=user)
    chapter_form = FirstChapterForm(
        _form_data({"chapter-title": payload.chapter_title, "chapter-body": payload.body})
    )
    _valid(form, chapter_form)
    with transaction.atomic():
        work = save_work_in_series(
            form.save(commit=False),
            pseuds=list(form.cleaned_data["pseuds"]),
            tags=form.tag_choices(),
            post=payload.post,
            first_chapter=chapter_form.save(commit=False),
            published_on=form.cleaned_data["backdate"],
            series=form.series_placement(),
        )
        form.save_parts(work)
    return work


def editable_work(user: User, work_id: int) -> Work:
    work = Work.objects.filter(pk=work_id).first()
    if work is None or work_access(user, work) is Access.NOT_FOUND:
        raise Http404("No such work.")
    if not can_edit_work(user, work):
        raise PermissionDenied("Only the work's creators can change it.")
    return work


def add_chapter(work: Work, payload: ChapterIn) -> Chapter:
    form = ChapterForm(_form_data(payload.dict(exclude={"post"})))
    _valid(form)
    return chapter_actions.add_chapter(work, form.save(commit=False), post=payload.post)


KUDOS_STATUS = {
    KudosResult.LEFT: 201,
    KudosResult.ALREADY: 409,
    KudosResult.OWN_WORK: 403,
    KudosResult.BLOCKED: 403,
}


def kudos(work: Work, user: User, ip: str) -> KudosResult:
    """Kudos as the web leaves them; anything but LEFT is refused with the web's sentence."""
    enforce("kudos", f"user:{user.pk}")
    result = leave_kudos(work, user, ip, cookie="")
    if result is not KudosResult.LEFT:
        raise ApiError(KUDOS_STATUS[result], result.value)
    return result


def bookmark(work: Work, user: User, payload: BookmarkIn) -> Bookmark:
    values = {**payload.dict(), "tags": ", ".join(payload.tags)}
    form = BookmarkForm(_form_data(values))
    _valid(form)
    data = form.cleaned_data
    return save_bookmark(
        user, work, notes=data["notes"], tag_names=data["tags"], private=data["private"],
        rec=data["rec"],
    )  # fmt: skip


def comment(work: Work, user: User, payload: CommentIn, ip: str) -> Comment:
    form = CommentForm(_form_data({"body": payload.body}), signed_in=True)
    _valid(form)
    visible = comments.visible_comments(work, user)
    chapter = None
    if payload.chapter_id is not None:
        chapter = visible_chapters(user, work).filter(pk=payload.chapter_id).first()
        if chapter is None:
            raise ApiError(404, "This work has no such chapter.")
    parent = None
    if payload.parent_id is not None:
        parent = visible.filter(pk=payload.parent_id, deleted=False).first()
        if parent is None:
            raise ApiError(404, "This work has no such comment to reply to.")
    try:
        return comments.post_comment(
            work, user, form.cleaned_data["body"], ip=ip, chapter=chapter, parent=parent
        )
    except comments.CommentRefused as refused:
        raise ApiError(403, str(refused)) from None
