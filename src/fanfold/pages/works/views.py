"""Work and chapter pages: reading, posting, editing, deleting."""

import functools
from dataclasses import asdict

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q, Subquery
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from fanfold.accounts.forms import ReaderSettingsForm
from fanfold.accounts.http import AuthenticatedRequest
from fanfold.accounts.reading import for_request as reader_settings_for
from fanfold.caching.pages import MAX_PAGE_BYTES, cached_for_guests
from fanfold.caching.shared import remembered
from fanfold.caching.versions import chapter_rows, digest, work_rows
from fanfold.downloads.naming import file_stem
from fanfold.downloads.service import available_formats
from fanfold.feedback.bookmarks import own_bookmark, record_reading
from fanfold.feedback.comments import DISPLAY_DEPTH, refusal, threads, visible_comments
from fanfold.feedback.forms import CommentForm
from fanfold.feedback.hits import record_hit
from fanfold.feedback.kudos import kudos_summary
from fanfold.feedback.middleware import guest_id
from fanfold.feedback.models import Shelf
from fanfold.feedback.relations import WorkRelations, work_relations
from fanfold.lib.ratelimits import client_ip
from fanfold.pages.works.forms import (
    ChapterForm,
    FirstChapterForm,
    OrphanForm,
    ReorderChaptersForm,
    WorkForm,
)
from fanfold.search import views as search_views
from fanfold.search.listing import render_filtered_works
from fanfold.series.models import SeriesWork
from fanfold.series.placement import save_work_in_series
from fanfold.works import chapters as chapter_actions
from fanfold.works import cocreators, orphaning, posting
from fanfold.works.listing import with_details
from fanfold.works.models import Chapter, Work
from fanfold.works.preface import preface_links
from fanfold.works.reading import (
    Mystery,
    chapter_of,
    needs_adult_check,
    readable_work,
    wants_full_work,
)
from fanfold.works.visibility import (
    Access,
    Viewer,
    can_edit_work,
    is_creator,
    visible_chapters,
    visible_works_for,
    work_access,
)

_DRAFT_SAVED = "Draft was successfully saved. It is visible only to you until you post it."
_PREVIEW = (
    "This is a preview of how readers will see your work. It is saved as a draft until you post it."
)


@cached_for_guests(rate_limit="search", uses_filter_index=True)
def work_list(request: HttpRequest) -> HttpResponse:
    return render_filtered_works(request, heading="Works")


# AO3's advanced search, a works listing like the one above: guests get it from the cache,
# keyed by its query (the whole URL) and this process's index version.
works_search = cached_for_guests(rate_limit="search", uses_filter_index=True)(
    search_views.works_search
)


def mystery_placeholder(view):
    """Unrevealed works answer their own pages with a title-less placeholder."""

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except Mystery:
            return render(request, "works/mystery.html")

    return wrapped


@cached_for_guests
@mystery_placeholder
def show_work(request: HttpRequest, work_id: int) -> HttpResponse:
    work = readable_work(request, work_id)
    if needs_adult_check(request, work):
        return render(request, "works/adult_check.html", {"work": work})
    chapters = _visible_chapters(request.user, work)
    if not chapters:
        raise Http404("This work has no chapters yet.")
    if len(chapters) == 1 or wants_full_work(request):
        return _render_work(request, work, chapters, shown=chapters)
    return _render_work(request, work, chapters, shown=chapters[:1])


@cached_for_guests
@mystery_placeholder
def show_chapter(request: HttpRequest, work_id: int, chapter_id: int) -> HttpResponse:
    work = readable_work(request, work_id)
    # The chapter is taken from the list the page shows (which may come from the primary):
    # looked up apart, on a lagging replica, it could be one the list no longer holds.
    chapters = _visible_chapters(request.user, work)
    chapter = next((chapter for chapter in chapters if chapter.pk == chapter_id), None)
    if chapter is None:
        raise Http404("This work has no such chapter.")
    if needs_adult_check(request, work):
        return render(request, "works/adult_check.html", {"work": work, "chapter": chapter})
    return _render_work(request, work, chapters, shown=[chapter], chapter_page=True)


def _visible_chapters(viewer: Viewer, work: Work) -> list[Chapter]:
    """A creator's unposted chapters are theirs alone; the posted ones are the same for every
    other reader, and shared between them (caching.shared)."""
    if is_creator(viewer, work):
        return list(visible_chapters(viewer, work))
    return remembered(
        f"chapters:{work.pk}",
        lambda: list(visible_chapters(AnonymousUser(), work)),
        # The guest pages' bound: a few long works must not push many works' rows out of memory.
        worth_keeping=lambda chapters: sum(len(c.body) for c in chapters) <= MAX_PAGE_BYTES,
    )


def chapter_by_id(request: HttpRequest, chapter_id: int) -> HttpResponse:
    """AO3's short chapter URL /chapters/<id> leads to the chapter under its work."""
    chapter = get_object_or_404(Chapter, pk=chapter_id)
    chapter_of(request, readable_work(request, chapter.work_id), chapter_id)
    query = request.META.get("QUERY_STRING")
    url = chapter.get_absolute_url()
    return redirect(f"{url}?{query}" if query else url)


def _render_work(
    request, work: Work, chapters: list[Chapter], shown: list[Chapter], chapter_page: bool = False
):
    relations = work_relations(request.user, work)
    if work.posted:
        record_hit(work, request.user, client_ip(request), guest_id(request))
        if request.user.is_authenticated:
            record_reading(request.user, work, shown[-1])
    else:
        _count_draft_chapters(work, chapters)
    index = chapters.index(shown[0])
    reader_settings = reader_settings_for(request)
    single = len(shown) == 1 and len(chapters) > 1
    whole_work = len(shown) == len(chapters)
    can_edit = can_edit_work(request.user, work)
    # Kudos, a signed-in reader's own buttons and bookmark form: never on a draft, nor for its
    # creators.
    as_reader = work.posted and not can_edit
    acts_as_reader = request.user.is_authenticated and as_reader
    # Gifts, prompts, collections (shown in the cached header) and kudos: alike for everyone.
    links, kudos = remembered(f"work-extras:{work.pk}", lambda: _work_extras(work))
    shape = (
        can_edit,
        chapter_page,
        whole_work,
        len(chapters),
        _display_preferences(request),
        links,
        reader_settings.css_classes,  # classes on #workskin, inside the cached text
        get_language(),  # the interface's words around the text are translated
    )
    context = {
        "work": work,
        "chapters": chapters,
        "shown": shown,
        "whole_work": whole_work,
        # The header, preface and text are rendered once per version of what they show.
        "text_version": digest([*work_rows(work), *chapter_rows(shown), shape]),
        # AO3's chapter page always shows its chapter in div#chapter-N, even in one-chapter works.
        "chapter_page": chapter_page,
        "previous_chapter": chapters[index - 1] if single and index > 0 else None,
        "next_chapter": chapters[index + 1] if single and index + 1 < len(chapters) else None,
        "series_neighbours": _series_neighbours(request, work),
        "preface_links": links,
        "can_edit": can_edit,
        "download_stem": file_stem(work.title, f"Work_{work.pk}"),
        "download_formats": available_formats(),
        # AO3 appends ?updated_at=<unix time> to download links; ao3-api reads it as date_edited.
        "updated_at": int(work.modified_at.timestamp()),
        "kudos": kudos,
        "can_leave_kudos": as_reader,
        **_comment_context(request, work, shown[0] if single else None, relations),
        "relations": relations,
        "acts_as_reader": acts_as_reader,
        # Read only when the reader has one; personal, so outside every cached fragment.
        "own_bookmark": (
            own_bookmark(request.user, work) if acts_as_reader and relations.bookmark_id else None
        ),
        "shelves": Shelf.choices,
        "reader_settings": reader_settings,
        "reader_settings_form": ReaderSettingsForm(initial=asdict(reader_settings)),
    }
    response = render(request, "works/show.html", context)
    if work.posted and not request.user.is_authenticated:
        response.guest_hit_work_id = work.pk  # type: ignore[attr-defined] # counted when served from the cache
    return response


def _work_extras(work: Work) -> tuple[dict, dict]:
    return preface_links(work), kudos_summary(work)


def _display_preferences(request: HttpRequest) -> tuple[bool, bool]:
    if not request.user.is_authenticated:
        return (False, False)
    prefs = request.user.preference
    return (prefs.hide_warnings, prefs.hide_freeforms)


def _count_draft_chapters(work: Work, chapters: list[Chapter]) -> None:
    """A preview's stats: a draft's stored counts cover posted chapters only, so they read 0."""
    work.word_count = sum(chapter.word_count for chapter in chapters)
    work.chapter_count = len(chapters)


def _comment_context(
    request: HttpRequest, work: Work, chapter: Chapter | None, relations: WorkRelations
) -> dict:
    """The comments under the text: a chapter's on a chapter page, all of them otherwise."""
    comments = visible_comments(work, request.user)
    if chapter is not None:
        comments = comments.filter(chapter=chapter)
    return {
        "comment_threads": threads(comments),
        "max_depth": DISPLAY_DEPTH,
        "can_manage_comments": can_edit_work(request.user, work),
        "comment_refusal": refusal(work, request.user, blocked=relations.blocked),
        "comment_form": CommentForm(signed_in=request.user.is_authenticated),
        "comment_chapter": chapter,
    }


def _series_neighbours(request: HttpRequest, work: Work) -> list[dict]:
    """For each series: the part number and the visible works just before and after (one
    query a series)."""
    memberships = work.series_memberships.all()
    if not memberships:
        return []  # most works: no need to build the viewer's visibility query
    visible = visible_works_for(request.user)
    neighbours = []
    for membership in memberships:
        parts = SeriesWork.objects.filter(series=membership.series, work__in=visible)
        here = membership.position
        before = parts.filter(position__lt=here).order_by("-position").values("pk")[:1]
        after = parts.filter(position__gt=here).order_by("position").values("pk")[:1]
        nearest = parts.filter(Q(pk=Subquery(before)) | Q(pk=Subquery(after)))
        both = {part.position < here: part.work for part in nearest.select_related("work")}
        neighbours.append(
            {"membership": membership, "previous": both.get(True), "next": both.get(False)}
        )
    return neighbours


@cached_for_guests
def navigate(request: HttpRequest, work_id: int) -> HttpResponse:
    work = readable_work(request, work_id)
    chapters = visible_chapters(request.user, work)
    return render(request, "works/navigate.html", {"work": work, "chapters": chapters})


def _editable_work(request: HttpRequest, work_id: int) -> Work:
    work = get_object_or_404(with_details(Work.objects.all()), pk=work_id)
    if work_access(request.user, work) is Access.NOT_FOUND:
        raise Http404("No such work.")
    if not can_edit_work(request.user, work):
        raise PermissionDenied("Only the work's creators can change it.")
    return work


@login_required
def new_work(request: AuthenticatedRequest) -> HttpResponse:
    form = WorkForm(request.POST or None, user=request.user)
    chapter_form = FirstChapterForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and chapter_form.is_valid():
        post = "post" in request.POST
        work = _save_work_form(form, post=post, first_chapter=chapter_form.save(commit=False))
        _invite_co_creators(request, work, form.cleaned_data["co_creators"])
        messages.success(request, _saved_message(request, post))
        return redirect(work)
    return render(request, "works/form.html", {"form": form, "chapter_form": chapter_form})


@login_required
def edit_work(request: AuthenticatedRequest, work_id: int) -> HttpResponse:
    work = _editable_work(request, work_id)
    form = WorkForm(request.POST or None, instance=work, user=request.user)
    if request.method == "POST" and form.is_valid():
        _save_work_form(
            form, post="post" in request.POST, leave_series=list(form.cleaned_data["leave_series"])
        )
        _invite_co_creators(request, work, form.cleaned_data["co_creators"])
        messages.success(request, _("Work was successfully updated."))
        return redirect(work)
    return render(request, "works/form.html", {"form": form, "work": work})


def _save_work_form(form: WorkForm, **options) -> Work:
    # One transaction: a work posted to an unrevealed collection is unrevealed before the
    # subscribers' e-mails and the index hear of it at commit.
    with transaction.atomic():
        work = save_work_in_series(
            form.save(commit=False),
            pseuds=list(form.cleaned_data["pseuds"]),
            tags=form.tag_choices(),
            published_on=form.cleaned_data["backdate"],
            series=form.series_placement(),
            **options,
        )
        form.save_parts(work)
    return work


def _saved_message(request: HttpRequest, posted: bool) -> str:
    if posted:
        return "Work was successfully posted."
    return _PREVIEW if "preview" in request.POST else _DRAFT_SAVED


def _invite_co_creators(
    request: AuthenticatedRequest, work: Work, pseuds: list, chapter: Chapter | None = None
) -> None:
    inviter = next(pseud for pseud in work.creator_pseuds if pseud.user_id == request.user.pk)
    for pseud in pseuds:
        try:
            if cocreators.invite(work, inviter, pseud, chapter):
                messages.info(
                    request, _("%(pseud)s was invited to be a co-creator.") % {"pseud": pseud}
                )
        except cocreators.InvitationRefused as refused:
            messages.error(request, str(refused))


@login_required
@require_POST
def post_draft(request: HttpRequest, work_id: int) -> HttpResponse:
    work = _editable_work(request, work_id)
    posting.post_draft(work)
    messages.success(request, _("Work was successfully posted."))
    return redirect(work)


@login_required
def orphan_work(request: AuthenticatedRequest, work_id: int) -> HttpResponse:
    work = _editable_work(request, work_id)
    form = OrphanForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        orphaning.orphan_works(request.user, [work], form.cleaned_data["keep_pseud"] == "keep")
        messages.success(
            request, _("“%(title)s” now belongs to the orphan account.") % {"title": work.title}
        )
        return redirect("accounts:user_works", request.user.username)
    return render(request, "works/confirm_orphan.html", {"work": work, "form": form})


@login_required
def delete_work(request: HttpRequest, work_id: int) -> HttpResponse:
    work = _editable_work(request, work_id)
    if request.method == "POST":
        title = work.title
        posting.delete_work(work)
        messages.success(request, _("Your work “%(title)s” was deleted.") % {"title": title})
        return redirect("accounts:user_works", request.user.username)
    return render(request, "works/confirm_delete.html", {"work": work})


@login_required
def new_chapter(request: AuthenticatedRequest, work_id: int) -> HttpResponse:
    work = _editable_work(request, work_id)
    form = ChapterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        chapter = chapter_actions.add_chapter(
            work, form.save(commit=False), post="post" in request.POST
        )
        _invite_co_creators(request, work, form.cleaned_data["co_creators"], chapter)
        messages.success(
            request, "Chapter was successfully posted." if chapter.posted else _DRAFT_SAVED
        )
        return redirect(chapter)
    return render(request, "works/chapter_form.html", {"form": form, "work": work})


def _editable_chapter(request: HttpRequest, work_id: int, chapter_id: int) -> Chapter:
    work = _editable_work(request, work_id)
    return get_object_or_404(work.chapters.select_related("work"), pk=chapter_id)


@login_required
def edit_chapter(request: AuthenticatedRequest, work_id: int, chapter_id: int) -> HttpResponse:
    chapter = _editable_chapter(request, work_id, chapter_id)
    form = ChapterForm(request.POST or None, instance=chapter)
    if request.method == "POST" and form.is_valid():
        chapter = form.save(commit=False)
        try:
            if "post" in request.POST and not chapter.posted:
                chapter_actions.post_chapter(chapter)
            else:
                chapter_actions.save_chapter(chapter)
        except chapter_actions.ChapterError as error:
            messages.error(request, str(error))
        else:
            _invite_co_creators(request, chapter.work, form.cleaned_data["co_creators"], chapter)
            messages.success(request, _("Chapter was successfully updated."))
            return redirect(chapter)
    context = {"form": form, "work": chapter.work, "chapter": chapter}
    return render(request, "works/chapter_form.html", context)


@login_required
def delete_chapter(request: HttpRequest, work_id: int, chapter_id: int) -> HttpResponse:
    chapter = _editable_chapter(request, work_id, chapter_id)
    if request.method == "POST":
        try:
            chapter_actions.delete_chapter(chapter)
        except chapter_actions.ChapterError as error:
            messages.error(request, str(error))
            return redirect(chapter)
        messages.success(request, _("The chapter was deleted."))
        return redirect(chapter.work)
    return render(request, "works/confirm_delete_chapter.html", {"chapter": chapter})


@login_required
def manage_chapters(request: HttpRequest, work_id: int) -> HttpResponse:
    work = _editable_work(request, work_id)
    form = ReorderChaptersForm(request.POST or None, chapters=list(work.chapters.all()))
    if request.method == "POST" and form.is_valid():
        chapter_actions.reorder_chapters(work, form.ordered_ids())
        messages.success(request, _("Chapter order has been successfully updated."))
        return redirect("works:navigate", work.pk)
    return render(request, "works/manage_chapters.html", {"form": form, "work": work})
