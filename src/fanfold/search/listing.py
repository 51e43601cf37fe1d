"""Rendering any works listing with the filter sidebar: all works, a tag's, a creator's."""

from dataclasses import replace

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from fanfold.search.params import parse_filter
from fanfold.search.service import filter_works
from fanfold.search.sidebar import sidebar_context
from fanfold.tags.models import Tag


def render_filtered_works(
    request: HttpRequest,
    *,
    heading: str,
    base_tag: Tag | None = None,
    within_work_ids: frozenset[int] | None = None,
    **context,
) -> HttpResponse:
    parsed = parse_filter(request.GET, base_tag=base_tag)
    if within_work_ids is not None:
        parsed.criteria = replace(parsed.criteria, within_work_ids=within_work_ids)
    result = filter_works(parsed.criteria, request.user, request.GET.get("page"))
    context.update(
        page=result.page,
        heading=heading,
        tag=base_tag,
        **sidebar_context(request.GET, parsed, result.facets),
    )
    return render(request, "works/list.html", context)
