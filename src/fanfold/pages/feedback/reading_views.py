"""Bookmarks, shelves (Marked for Later) and reading history pages."""

from dataclasses import asdict

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from fanfold.accounts.http import AuthenticatedRequest, own_account
from fanfold.accounts.models import User
from fanfold.feedback import bookmarks as actions
from fanfold.feedback.forms import BookmarkForm, with_ao3_bookmark_names
from fanfold.feedback.models import Bookmark, Shelf
from fanfold.lib.pagination import paginate
from fanfold.search.listing import render_filtered_works
from fanfold.series.models import Series
from fanfold.works.models import Work
from fanfold.works.reading import readable_work
from fanfold.works.visibility import visible_works_for


def _bookmark_page(request: AuthenticatedRequest, target: Work | Series) -> HttpResponse:
    existing = actions.own_bookmark(request.user, target)
    posted = with_ao3_bookmark_names(request.POST) if request.method == "POST" else None
    form = BookmarkForm(posted, initial=asdict(existing) if existing else {})
    if form.is_valid():
        data = form.cleaned_data
        actions.save_bookmark(
            request.user,
            target,
            notes=data["notes"],
            tag_names=data["tags"],
            private=data["private"],
            rec=data["rec"],
        )
        messages.success(request, _("Bookmark was successfully saved."))
        return redirect("feedback:user_bookmarks", request.user.username)
    return render(
        request,
        "feedback/bookmark_form.html",
        {"form": form, "target": target, "existing": existing},
    )


@login_required
def bookmark_work(request: AuthenticatedRequest, work_id: int) -> HttpResponse:
    return _bookmark_page(request, readable_work(request, work_id))


@login_required
def bookmark_series(request: AuthenticatedRequest, series_id: int) -> HttpResponse:
    series = get_object_or_404(Series, pk=series_id)
    if not visible_works_for(request.user).filter(series_memberships__series=series).exists():
        raise Http404("No such series.")
    return _bookmark_page(request, series)


@login_required
@require_POST
def update_bookmark(request: AuthenticatedRequest, bookmark_id: int) -> HttpResponse:
    """AO3's address for saving a bookmark the reader has (the work page's form posts there)."""
    bookmark = get_object_or_404(Bookmark, pk=bookmark_id, user=request.user)
    if bookmark.work_id is not None:
        return bookmark_work(request, bookmark.work_id)
    assert bookmark.series_id is not None  # a bookmark holds a work or a series (its constraint)
    return bookmark_series(request, bookmark.series_id)


@login_required
@require_POST
def delete_bookmark(request: AuthenticatedRequest, bookmark_id: int) -> HttpResponse:
    bookmark = get_object_or_404(Bookmark, pk=bookmark_id, user=request.user)
    actions.delete_bookmark(bookmark)
    messages.success(request, _("Bookmark was successfully deleted."))
    return redirect("feedback:user_bookmarks", request.user.username)


def user_bookmarks(request: HttpRequest, login_name: str) -> HttpResponse:
    owner = get_object_or_404(User, username__iexact=login_name, is_active=True)
    chosen = actions.bookmark_filter(actions.bookmarks_visible_to(request.user, owner), request.GET)
    by_work = {bookmark.work_id: bookmark for bookmark in chosen if bookmark.work_id}
    visible_series = visible_works_for(request.user).values("series_memberships__series")
    series_bookmarks = chosen.filter(series__in=visible_series)

    def attach(works: list[Work]) -> None:
        for work in works:
            work.bookmark = by_work.get(work.pk)  # type: ignore[attr-defined]

    return render_filtered_works(
        request,
        heading=f"Bookmarks by {owner.username}",
        within_work_ids=frozenset(by_work),
        decorate=attach,
        profile_user=owner,
        bookmark_filters=True,
        series_bookmarks=series_bookmarks,
    )


def work_bookmarks(request: HttpRequest, work_id: int) -> HttpResponse:
    work = readable_work(request, work_id)
    public = work.bookmarks.filter(private=False).select_related("user").prefetch_related("tags")
    return render(
        request, "feedback/work_bookmarks.html", {"work": work, "page": paginate(request, public)}
    )


@login_required
@require_POST
def shelve(request: AuthenticatedRequest, work_id: int, shelf: str | None = None) -> HttpResponse:
    """To the shelf the form chose, or the one its address names (AO3's mark_for_later and
    mark_as_read)."""
    work = readable_work(request, work_id)
    if shelf is None:
        shelf = request.POST.get("shelf", "")
    if shelf not in Shelf.values and shelf != "":
        raise PermissionDenied("No such shelf.")
    actions.put_on_shelf(request.user, work, shelf)
    label = Shelf(shelf).label if shelf else "no shelf"
    messages.success(
        request, _("“%(title)s” is now on: %(label)s.") % {"title": work.title, "label": label}
    )
    return redirect(work)


def _own(request: AuthenticatedRequest, login_name: str) -> User:
    return own_account(request, login_name, "Shelves and history are private.")


@login_required
def shelf_page(request: AuthenticatedRequest, login_name: str, shelf: str) -> HttpResponse:
    user = _own(request, login_name)
    actions.flush_reader(user.pk)
    if shelf not in Shelf.values:
        raise Http404("No such shelf.")
    ids = frozenset(actions.shelved(user, shelf).values_list("work_id", flat=True))
    return render_filtered_works(
        request, heading=str(Shelf(shelf).label), within_work_ids=ids, shelves=Shelf.choices
    )


@login_required
def history_page(request: AuthenticatedRequest, login_name: str) -> HttpResponse:
    user = _own(request, login_name)
    actions.flush_reader(user.pk)
    if request.method == "POST":
        actions.clear_history(user)
        messages.success(
            request, "Your history was cleared; your shelves and Marked for Later stay."
        )
        return redirect("feedback:history", user.username)
    page = paginate(request, actions.history(user))
    return render(request, "feedback/history.html", {"page": page, "shelves": Shelf.choices})
