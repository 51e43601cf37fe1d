"""The catalogue's feeds: navigation (new, updated, popular, fandoms, series, shelf) and
acquisition feeds that take the works filter's parameters, with facets and pages."""

from collections.abc import Callable
from dataclasses import replace
from functools import wraps

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404
from django.urls import reverse

from fanfold.downloads.service import available_formats
from fanfold.feedback.bookmarks import flush_reader, shelved
from fanfold.feedback.models import Shelf
from fanfold.lib.ratelimits import client_key, enforce
from fanfold.opds.auth import Unauthorised, catalogue_viewer
from fanfold.opds.catalogue import (
    ACQUISITION,
    NAVIGATION,
    OPENSEARCH_TYPE,
    Link,
    NavigationEntry,
    acquisition_feed,
    navigation_feed,
    opensearch_description,
)
from fanfold.search.params import parse_filter
from fanfold.search.service import filter_works, tag_work_counts
from fanfold.series.models import Series
from fanfold.tags.models import RATINGS, Tag, TagType
from fanfold.works.visibility import Viewer, known_tag_or_404, visible_works_for

NAVIGATION_PER_PAGE = 50
SORTS = {"new": "created_at", "updated": "revised_at", "popular": "kudos_count"}


def _answer(document: bytes, content_type: str) -> HttpResponse:
    return HttpResponse(document, content_type=content_type)


def catalogue_view(view: Callable) -> Callable:
    """Finds the viewer; bad or missing credentials for a private feed get 401 with a Basic challenge."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        try:
            viewer = catalogue_viewer(request)
            return view(request, viewer, *args, **kwargs)
        except Unauthorised:
            response = HttpResponse(
                "Sign in with your user name and an access token (read scope) as the password.",
                status=401,
                content_type="text/plain",
            )
            response["WWW-Authenticate"] = 'Basic realm="Fanfold", charset="UTF-8"'
            return response

    return wrapped


@catalogue_view
def root(request: HttpRequest, viewer: Viewer) -> HttpResponse:
    entries = [
        NavigationEntry("New works", reverse("opds:sorted", args=["new"]), "Newest first",
                        "http://opds-spec.org/sort/new", ACQUISITION),
        NavigationEntry("Recently updated", reverse("opds:sorted", args=["updated"]),
                        "Works with new chapters first", "subsection", ACQUISITION),
        NavigationEntry("Popular", reverse("opds:sorted", args=["popular"]), "Most kudos first",
                        "http://opds-spec.org/sort/popular", ACQUISITION),
        NavigationEntry("Fandoms", reverse("opds:fandoms"), "Works by fandom"),
        NavigationEntry("Series", reverse("opds:series_list"), "Recently updated series"),
    ]  # fmt: skip
    if viewer.is_authenticated:
        entries.append(
            NavigationEntry("Marked for Later", reverse("opds:shelf"), "Your Want to read shelf",
                            "http://opds-spec.org/shelf", ACQUISITION)
        )  # fmt: skip
    return _answer(navigation_feed("root", "Fanfold", reverse("opds:root"), entries), NAVIGATION)


def _works_feed(request: HttpRequest, viewer: Viewer, feed_id: str, title: str, *,
                base_tag: Tag | None = None, within: frozenset[int] | None = None,
                default_sort: str = "revised_at") -> HttpResponse:  # fmt: skip
    """An acquisition feed of any works listing: the AO3 filter, facets and pages."""
    enforce("search", client_key(request))
    query = request.GET.copy()
    query.setdefault("work_search[sort_column]", default_sort)
    parsed = parse_filter(query, base_tag=base_tag)
    if within is not None:
        parsed.criteria = replace(parsed.criteria, within_work_ids=within)
    page = filter_works(parsed.criteria, viewer, query.get("page"), facets=False).page
    links = _facets(request.path, query) + _pages(request.path, query, page)
    path = request.get_full_path()
    document = acquisition_feed(
        feed_id, title, path, list(page.object_list), available_formats(), links
    )
    return _answer(document, ACQUISITION)


def _set(path: str, query: QueryDict, key: str, value: str) -> str:
    changed = query.copy()
    changed.pop("page", None)
    changed.setlist(key, [value] if value else [])
    return f"{path}?{changed.urlencode()}"


def _facets(path: str, query: QueryDict) -> list[Link]:
    """Sort, rating and completion choices, as OPDS facet links over the same filter."""
    facet = "http://opds-spec.org/facet"
    sort_key, rating_key, complete_key = (
        "work_search[sort_column]",
        "include_work_search[rating_ids][]",
        "work_search[complete]",
    )
    links = [
        Link(facet, _set(path, query, sort_key, column), ACQUISITION, label, "Sort",
             query.get(sort_key) == column)
        for label, column in (("Updated", "revised_at"), ("New", "created_at"),
                              ("Kudos", "kudos_count"), ("Hits", "hits"))
    ]  # fmt: skip
    ratings = Tag.objects.filter(type=TagType.RATING, name__in=RATINGS).order_by("id")
    links += [
        Link(facet, _set(path, query, rating_key, str(rating.pk)), ACQUISITION, rating.name,
             "Rating", query.get(rating_key) == str(rating.pk))
        for rating in ratings
    ]  # fmt: skip
    links += [
        Link(facet, _set(path, query, complete_key, value), ACQUISITION, label, "Completion",
             query.get(complete_key, "") == value)
        for label, value in (("Complete works only", "T"), ("Works in progress", "F"))
    ]  # fmt: skip
    return links


def _pages(path: str, query: QueryDict, page) -> list[Link]:
    def to(number: int) -> str:
        changed = query.copy()
        changed["page"] = str(number)
        return f"{path}?{changed.urlencode()}"

    links = [Link("first", to(1), ACQUISITION)]
    if page.has_previous():
        links.append(Link("previous", to(page.previous_page_number()), ACQUISITION))
    if page.has_next():
        links.append(Link("next", to(page.next_page_number()), ACQUISITION))
    links.append(Link("last", to(page.paginator.num_pages), ACQUISITION))
    return links


@catalogue_view
def sorted_works(request: HttpRequest, viewer: Viewer, order: str) -> HttpResponse:
    column = SORTS.get(order)
    if column is None:
        return HttpResponse("No such catalogue.", status=404, content_type="text/plain")
    titles = {"new": "New works", "updated": "Recently updated", "popular": "Popular works"}
    return _works_feed(request, viewer, order, titles[order], default_sort=column)


@catalogue_view
def search(request: HttpRequest, viewer: Viewer) -> HttpResponse:
    return _works_feed(request, viewer, "search", "Search results")


@catalogue_view
def tag_works(request: HttpRequest, viewer: Viewer, name: str) -> HttpResponse:
    tag = known_tag_or_404(viewer, name)
    return _works_feed(request, viewer, f"tag:{tag.pk}", tag.name, base_tag=tag)


def _navigation_page(request: HttpRequest, items, feed_id: str, title: str, entry_for):
    """One page of a navigation feed; `entry_for` may return None to leave an item out."""
    page = Paginator(items, NAVIGATION_PER_PAGE).get_page(request.GET.get("page"))
    entries = [entry for entry in map(entry_for, page.object_list) if entry is not None]
    links = []
    if page.has_next():
        links.append(Link("next", f"{request.path}?page={page.next_page_number()}", NAVIGATION))
    document = navigation_feed(feed_id, title, request.get_full_path(), entries, links)
    return _answer(document, NAVIGATION)


@catalogue_view
def fandoms(request: HttpRequest, viewer: Viewer) -> HttpResponse:
    """Fandoms (as they filter: canonical or unwrangled) with the works this viewer may see."""
    tags = Tag.objects.filter(type=TagType.FANDOM, merger=None).order_by("name")
    counted = Paginator(tags, NAVIGATION_PER_PAGE).get_page(request.GET.get("page"))
    counts = tag_work_counts(list(counted.object_list), viewer)

    def entry(tag: Tag) -> NavigationEntry | None:
        if not counts.get(tag.pk):
            return None
        return NavigationEntry(
            tag.name, reverse("opds:tag", args=[tag.name]), f"{counts[tag.pk]} works",
            "subsection", ACQUISITION,
        )  # fmt: skip

    return _navigation_page(request, tags, "fandoms", "Fandoms", entry)


@catalogue_view
def series_list(request: HttpRequest, viewer: Viewer) -> HttpResponse:
    visible = visible_works_for(viewer)
    series = Series.objects.filter(memberships__work__in=visible).distinct()
    return _navigation_page(
        request, series.order_by("-modified_at", "-id"), "series", "Series",
        lambda item: NavigationEntry(
            item.title, reverse("opds:series", args=[item.pk]), "A series", "subsection", ACQUISITION
        ),
    )  # fmt: skip


@catalogue_view
def series(request: HttpRequest, viewer: Viewer, series_id: int) -> HttpResponse:
    found = get_object_or_404(Series, pk=series_id)
    within = frozenset(found.memberships.values_list("work_id", flat=True))
    return _works_feed(request, viewer, f"series:{found.pk}", found.title, within=within)


@catalogue_view
def shelf(request: HttpRequest, viewer: Viewer) -> HttpResponse:
    """The token holder's Marked for Later (Want to read) shelf."""
    if not viewer.is_authenticated:
        raise Unauthorised
    flush_reader(viewer.pk)
    within = frozenset(shelved(viewer, Shelf.WANT).values_list("work_id", flat=True))
    return _works_feed(request, viewer, f"shelf:{viewer.pk}", "Marked for Later", within=within)


def opensearch(request: HttpRequest) -> HttpResponse:
    return _answer(opensearch_description(), OPENSEARCH_TYPE)
