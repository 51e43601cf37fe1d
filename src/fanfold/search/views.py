"""The works search page, and saved filters (a signed-in reader names a filter URL)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from fanfold.accounts.http import AuthenticatedRequest
from fanfold.lib.pagination import paginate
from fanfold.lib.ratelimits import client_key, enforce
from fanfold.search.bookmarksearch import SORTS as BOOKMARK_SORTS
from fanfold.search.bookmarksearch import find_bookmarks
from fanfold.search.listing import render_filtered_works
from fanfold.search.models import SavedFilter
from fanfold.search.people import PeopleQuery, find_pseuds, visible_work_counts
from fanfold.search.searchpage import is_search, search_form_context, search_summary
from fanfold.search.tagsearch import SORTS as TAG_SORTS
from fanfold.search.tagsearch import TagQuery, find_tags, tags_with_uses
from fanfold.tags.models import TagType

MAX_SAVED_FILTERS = 100
# The address a saved filter leads back to; Django refuses to redirect to one of over 16,384
# characters, which would answer 400 after the filter was stored.
MAX_FILTER_ADDRESS = 8_000


def _asked(request: HttpRequest, form: str, name: str) -> str:
    return request.GET.get(f"{form}[{name}]", "").strip()[:1000]


def people_search(request: HttpRequest) -> HttpResponse:
    """AO3's /people/search: pseuds by name, each with the works this viewer may see."""
    enforce("search", client_key(request))
    asked = PeopleQuery(
        **{name: _asked(request, "people_search", name) for name in ("name", "query", "fandom")}
    )
    searched = any((asked.name, asked.query, asked.fandom))
    page = paginate(request, find_pseuds(asked)) if searched else None
    counts = visible_work_counts(list(page.object_list), request.user) if page else {}
    people = [(pseud, counts[pseud.pk]) for pseud in page.object_list] if page else []
    return render(request, "search/people.html", {"asked": asked, "page": page, "people": people})


def tag_search(request: HttpRequest) -> HttpResponse:
    """AO3's /tags/search: tags by name (with wildcards), type, fandom and canonical status."""
    enforce("search", client_key(request))
    sort = _asked(request, "tag_search", "sort_column")
    asked = TagQuery(
        name=_asked(request, "tag_search", "name"),
        tag_type=_asked(request, "tag_search", "type"),
        fandoms=_asked(request, "tag_search", "fandoms"),
        canonical=_asked(request, "tag_search", "canonical"),
        sort=sort if sort in TAG_SORTS else "name",
        descending=_asked(request, "tag_search", "sort_direction") == "desc",
    )
    searched = any((asked.name, asked.tag_type, asked.fandoms, asked.canonical))
    found = find_tags(asked) if searched else None
    context = {"asked": asked, "errors": found.errors if found else [], "sorts": TAG_SORTS}
    context["tag_types"] = [choice for choice in TagType.choices if choice[0] != TagType.MEDIA]
    if found and not found.errors:
        context["page"], context["uses"] = tags_with_uses(request, found.tags, asked)
    return render(request, "search/tags.html", context)


def bookmark_search(request: HttpRequest) -> HttpResponse:
    """AO3's /bookmarks/search: notes, bookmarker's tags, the work's fields, date bookmarked."""
    enforce("search", client_key(request))
    searched = any(key.startswith("bookmark_search[") for key in request.GET)
    found = find_bookmarks(request.GET, request.user) if searched else None
    page = paginate(request, found.bookmarks) if found and not found.errors else None
    context: dict[str, object] = {"page": page, "errors": found.errors if found else []}
    context["sorts"] = BOOKMARK_SORTS
    context["values"] = {
        key[16:-1]: value
        for key, value in request.GET.items()
        if key.startswith("bookmark_search[")
    }
    return render(request, "search/bookmarks.html", context)


def works_search(request: HttpRequest) -> HttpResponse:
    """AO3's /works/search: the advanced form, or its results as a works listing (routed,
    cached for guests, by pages.works)."""
    if not is_search(request.GET):
        return render(request, "search/works_form.html", search_form_context(request.GET))
    return render_filtered_works(
        request,
        heading="Search Results",
        template="search/works_results.html",
        default_sort="_score",
        summarize=search_summary,
    )


@login_required
@require_POST
def save_filter(request: AuthenticatedRequest):
    name = request.POST.get("name", "").strip()[:100]
    path = request.POST.get("path", "/works")
    # Only paths on this archive: a saved filter must never become an open redirect.
    if (
        not path.startswith("/")
        or not url_has_allowed_host_and_scheme(path, allowed_hosts=None)
        or len(path) > SavedFilter._meta.get_field("path").max_length  # type: ignore[operator]
    ):
        path = "/works"
    query = request.POST.get("query", "")
    if len(path) + len(query) > MAX_FILTER_ADDRESS:
        messages.error(request, _("This filter is too long to save."))
        return redirect(path)
    if not name:
        messages.error(request, _("Give the filter a name to save it."))
    elif request.user.saved_filters.count() >= MAX_SAVED_FILTERS:
        messages.error(
            request,
            _("You can keep at most %(MAX_SAVED_FILTERS)s saved filters.")
            % {"MAX_SAVED_FILTERS": MAX_SAVED_FILTERS},
        )
    else:
        SavedFilter.objects.create(user=request.user, name=name, path=path, query=query)
        messages.success(request, _("Saved the filter “%(name)s”.") % {"name": name})
    return redirect(f"{path}?{query}" if query else path)


@login_required
def saved_filters(request: AuthenticatedRequest):
    return render(
        request, "search/saved_filters.html", {"filters": request.user.saved_filters.all()}
    )


@login_required
@require_POST
def delete_saved_filter(request: AuthenticatedRequest, filter_id: int):
    saved = get_object_or_404(SavedFilter, pk=filter_id, user=request.user)
    saved.delete()
    messages.success(request, _("Deleted the saved filter “%(name)s”.") % {"name": saved.name})
    return redirect("search:saved_filters")


@login_required
@require_POST
def make_default(request: AuthenticatedRequest, filter_id: int):
    """Makes this filter the reader's default, or, if it already is, turns defaults off."""
    saved = get_object_or_404(SavedFilter, pk=filter_id, user=request.user)
    was_default = saved.is_default
    with transaction.atomic():
        request.user.saved_filters.update(is_default=False)
        if not was_default:
            SavedFilter.objects.filter(pk=saved.pk).update(is_default=True)
    if was_default:
        messages.success(request, _("No default filter: listings show everything again."))
    else:
        messages.success(
            request,
            _("“%(name)s” now applies to every works listing you open.") % {"name": saved.name},
        )
    return redirect("search:saved_filters")
