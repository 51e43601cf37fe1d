"""Rendering any works listing with the filter sidebar: all works, a tag's, a creator's."""

from collections.abc import Callable
from dataclasses import replace

from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render

from fanfold.accounts.relations import muted_user_ids
from fanfold.feedback.bookmarks import finished_work_ids
from fanfold.lib.ratelimits import client_key, enforce
from fanfold.search.criteria import Criteria
from fanfold.search.params import parse_filter
from fanfold.search.service import filter_works
from fanfold.search.sidebar import sidebar_context
from fanfold.tags.models import Tag
from fanfold.works.models import Creatorship, Work


def _works_by_muted_users(viewer) -> frozenset[int]:
    """Works credited to users the viewer muted (anonymous ones stay anonymous: not matched)."""
    muted = muted_user_ids(viewer)
    works = Creatorship.objects.filter(pseud__user_id__in=muted, work__anonymous=False)
    return frozenset(works.values_list("work_id", flat=True))


FILTER_PREFIXES = ("work_search[", "include_work_search[", "exclude_work_search[")


def _with_default_filter(request: HttpRequest, context: dict) -> QueryDict:
    """A reader's default filter applies whenever they open a listing without one of their own."""
    query = request.GET
    if not request.user.is_authenticated or query.get("no_default") == "1":
        return query
    if any(key.startswith(FILTER_PREFIXES) for key in query):
        return query
    default = request.user.saved_filters.filter(is_default=True).first()
    if default is None:
        return query
    merged = QueryDict(default.query, mutable=True)
    for key, values in query.lists():  # the page number and the like
        merged.setlist(key, values)
    context["default_filter"] = default
    return merged


def muted_filter_tag_ids(viewer) -> frozenset[int]:
    """The reader's muted tags as filter tags: excluding one hides its synonyms and sub tags."""
    if not viewer.is_authenticated:
        return frozenset()
    tags = viewer.preference.muted_tags.select_related("merger")
    return frozenset(tag.filter_tag.pk for tag in tags)


def render_filtered_works(
    request: HttpRequest,
    *,
    heading: str,
    base_tag: Tag | None = None,
    within_work_ids: frozenset[int] | None = None,
    decorate: Callable[[list[Work]], None] | None = None,
    template: str = "works/list.html",
    default_sort: str = "revised_at",
    summarize: Callable[[QueryDict, Criteria], list[str]] | None = None,
    **context,
) -> HttpResponse:
    """`decorate` may attach extra data (a reader's bookmark...) to the works of the page."""
    enforce("search", client_key(request))
    query = _with_default_filter(request, context)
    parsed = parse_filter(query, base_tag=base_tag, default_sort=default_sort)
    if within_work_ids is not None:
        parsed.criteria = replace(parsed.criteria, within_work_ids=within_work_ids)
    if request.user.is_authenticated and request.GET.get("work_search[hide_finished]") == "1":
        parsed.criteria = replace(parsed.criteria, exclude_work_ids=finished_work_ids(request.user))
    muted_works = _works_by_muted_users(request.user)
    if muted_works:
        parsed.criteria = replace(
            parsed.criteria, exclude_work_ids=parsed.criteria.exclude_work_ids | muted_works
        )
    unmuted = parsed.criteria
    muted = (
        muted_filter_tag_ids(request.user) if request.GET.get("show_muted") != "1" else frozenset()
    )
    if muted:
        parsed.criteria = replace(unmuted, exclude_tag_ids=unmuted.exclude_tag_ids | muted)
    result = filter_works(parsed.criteria, request.user, request.GET.get("page"))
    if muted:
        everything = filter_works(unmuted, request.user, 1, facets=False).page.paginator.count
        context["muted_hidden"] = everything - result.page.paginator.count
    if decorate is not None:
        decorate(list(result.page.object_list))
    if summarize is not None:
        context["search_summary"] = summarize(query, parsed.criteria)
    context.update(
        page=result.page,
        heading=heading,
        tag=base_tag,
        **sidebar_context(query, parsed, result.facets),
    )
    return render(request, template, context)
