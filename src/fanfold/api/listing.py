"""Works listings through the filter index: AO3's filter parameters in, exact totals, facets and cursors out."""

import base64
from dataclasses import replace

from django.core.paginator import EmptyPage, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Schema

from fanfold.api.errors import ApiError
from fanfold.api.present import tag_ref, work_out
from fanfold.downloads.service import available_formats
from fanfold.lib.ratelimits import client_key, enforce
from fanfold.search.params import ID_FIELDS, parse_filter
from fanfold.search.service import filter_works
from fanfold.tags.models import Tag
from fanfold.works.visibility import Viewer

API_PAGE_SIZE = 20


def _search(name: str, description: str):
    return Field(None, alias=f"work_search[{name}]", description=description)


class WorkFilter(Schema):
    """The works filter's parameters under AO3's names, so an AO3 filter query string works here."""

    sort_column: str | None = _search("sort_column", "revised_at, created_at, kudos_count, hits…")
    sort_direction: str | None = _search("sort_direction", "asc or desc (the default)")
    other_tag_names: str | None = _search("other_tag_names", "comma-separated tags to include")
    excluded_tag_names: str | None = _search(
        "excluded_tag_names", "comma-separated tags to exclude"
    )
    crossover: str | None = _search("crossover", "T, F or empty")
    complete: str | None = _search("complete", "T, F or empty")
    single_chapter: str | None = _search("single_chapter", "1 for one-shots only")
    words_from: str | None = _search("words_from", "at least this many words")
    words_to: str | None = _search("words_to", "at most this many words")
    date_from: str | None = _search("date_from", "updated on or after, YYYY-MM-DD")
    date_to: str | None = _search("date_to", "updated on or before, YYYY-MM-DD")
    query: str | None = _search("query", "words in the title, creators or tags")
    language_id: str | None = _search("language_id", "a language code such as en")
    cursor: str | None = Field(None, description="next_cursor or previous_cursor of a listing")


# The tag id lists (include_work_search[fandom_ids][] …) are read straight from the query string
# by the web's parser; the endpoints document them in OpenAPI by these names.
TAG_ID_PARAMETERS = [
    f"{prefix}[{name}][]"
    for prefix in ("include_work_search", "exclude_work_search")
    for name in ID_FIELDS
]


def encode_cursor(page: int) -> str:
    return base64.urlsafe_b64encode(f"page:{page}".encode()).decode().rstrip("=")


def decode_cursor(cursor: str | None) -> int:
    if not cursor:
        return 1
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        label, number = text.split(":")
        page = int(number)
    except ValueError:
        page, label = 0, ""
    if label != "page" or page < 1:
        raise ApiError(400, "That cursor is not one this API gave out.")
    return page


def list_works(
    request: HttpRequest,
    viewer: Viewer,
    *,
    base_tag: Tag | None = None,
    within_work_ids: frozenset[int] | None = None,
) -> dict:
    """One page of a works listing, exactly as the HTML listing filters it for this viewer,
    within the same per-reader budget of listings and searches."""
    enforce("search", client_key(request))
    query = request.GET
    page_number = decode_cursor(query.get("cursor"))
    parsed = parse_filter(query, base_tag=base_tag)
    if within_work_ids is not None:
        parsed.criteria = replace(parsed.criteria, within_work_ids=within_work_ids)
    result = filter_works(parsed.criteria, viewer, page_number)
    page = result.page
    if page.number != page_number and page_number > 1:
        raise ApiError(400, "That cursor is past the end of this listing.")
    formats = available_formats()
    return {
        "total": page.paginator.count,
        "works": [work_out(work, formats) for work in page.object_list],
        "facets": {
            tag_type: [{"tag": tag_ref(tag), "count": count} for tag, count in counts]
            for tag_type, counts in result.facets.items()
        },
        "next_cursor": encode_cursor(page.number + 1) if page.has_next() else None,
        "previous_cursor": encode_cursor(page.number - 1) if page.has_previous() else None,
        "notices": parsed.errors,
    }


def cursor_page(items: QuerySet, cursor: str | None) -> tuple[list, int, str | None]:
    """A page of any other list (comments, bookmarks, history): items, total, next cursor."""
    paginator = Paginator(items, API_PAGE_SIZE)
    try:
        page = paginator.page(decode_cursor(cursor))
    except EmptyPage:
        raise ApiError(400, "That cursor is past the end of this list.") from None
    following = encode_cursor(page.number + 1) if page.has_next() else None
    return list(page.object_list), paginator.count, following
