"""AO3's works-filter query parameters, read into Criteria; a pasted AO3 URL just works."""

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.http import QueryDict

from fanfold.lib.idlists import LARGEST_NUMBER
from fanfold.search.ao3ids import ao3_fixed_tag_name
from fanfold.search.criteria import SORT_COLUMNS, TEXT_SORTS, Criteria
from fanfold.search.searchform import read_search_fields
from fanfold.tags.models import Tag, TagType
from fanfold.tags.naming import split_tag_list

ID_FIELDS = {
    "rating_ids": TagType.RATING,
    "archive_warning_ids": TagType.WARNING,
    "category_ids": TagType.CATEGORY,
    "fandom_ids": TagType.FANDOM,
    "relationship_ids": TagType.RELATIONSHIP,
    "character_ids": TagType.CHARACTER,
    "freeform_ids": TagType.FREEFORM,
}
TRUE_FALSE = {"T": True, "F": False, "": None}


@dataclass
class ParsedFilter:
    criteria: Criteria
    errors: list[str] = field(default_factory=list)
    include_tags: list[Tag] = field(default_factory=list)  # shown as removable choices
    exclude_tags: list[Tag] = field(default_factory=list)


def _param(query: QueryDict, name: str) -> str:
    return query.get(f"work_search[{name}]", "").strip()


def _is_digits(value: str) -> bool:
    return value.isascii() and value.isdigit()  # "²".isdigit() is true, yet int() refuses it


def _whole_number(value: str) -> int | None:
    """The number ASCII digits spell, or None when they do not or it exceeds LARGEST_NUMBER."""
    if not _is_digits(value) or len(value.lstrip("0")) > len(str(LARGEST_NUMBER)):
        return None
    number = int(value)
    return number if number <= LARGEST_NUMBER else None


def _tags_from_values(values: list[str], tag_type: str | None = None) -> list[Tag]:
    """Tag ids (Fanfold's own) or tag names, resolved to the tags they filter as.

    For ratings, warnings and categories an id that is not one of Fanfold's of that type is
    read as AO3's id of the same tag (search.ao3ids), so pasted AO3 URLs keep working."""
    values = [value.strip() for value in values if value.strip()]
    ids = [number for value in values if (number := _whole_number(value)) is not None]
    names = [value for value in values if not _is_digits(value)]
    # Most listings ask for no tag at all: building the empty query costs ~0.3 ms, 23 times a page.
    tags = list(Tag.objects.filter(id__in=ids).select_related("merger")) if ids else []
    if tag_type is not None:
        ours = [tag for tag in tags if tag.type == tag_type]
        found_ids = {tag.pk for tag in ours}
        names += [ao3_fixed_tag_name(tag_type, i) or "" for i in ids if i not in found_ids]
        names = [name for name in names if name]
        tags = ours
    for name in names:
        tag = Tag.objects.select_related("merger").oldest_named(name)
        if tag is not None:
            tags.append(tag)
    return [tag.filter_tag for tag in tags]


def _selected(query: QueryDict, prefix: str) -> tuple[list[Tag], list[Tag], int]:
    """Tags chosen under include_work_search or exclude_work_search; ratings apart."""
    ratings: list[Tag] = []
    others: list[Tag] = []
    asked = 0
    for field_name, tag_type in ID_FIELDS.items():
        # AO3's search form sends a single rating as work_search[rating_ids], no brackets.
        values = query.getlist(f"{prefix}[{field_name}][]") + query.getlist(
            f"{prefix}[{field_name}]"
        )
        asked += len([v for v in values if v.strip()])
        tags = _tags_from_values(values, tag_type)
        (ratings if field_name == "rating_ids" else others).extend(tags)
    return ratings, others, asked


def _named(query: QueryDict, name: str, errors: list[str]) -> tuple[list[Tag], int]:
    try:
        names = split_tag_list(_param(query, name))
    except ValidationError as error:
        errors.extend(error.messages)
        return [], 0
    return _tags_from_values(names), len(names)


def _int(query: QueryDict, name: str, label: str, errors: list[str]) -> int | None:
    raw = _param(query, name).replace(",", "")
    if not raw:
        return None
    number = _whole_number(raw)
    if number is not None:
        return number
    errors.append(f"{label} must be a whole number; “{raw}” was ignored.")
    return None


def _date(query: QueryDict, name: str, label: str, errors: list[str]) -> datetime.date | None:
    raw = _param(query, name)
    if not raw:
        return None
    try:
        return datetime.date.fromisoformat(raw)
    except ValueError:
        errors.append(f"{label} must be a date like 2024-01-31; “{raw}” was ignored.")
        return None


def _descending(direction: str, sort: str) -> bool:
    """AO3's default: A to Z for titles and creators, the most or newest first otherwise."""
    if direction.lower() in ("asc", "desc"):
        return direction.lower() == "desc"
    return sort not in TEXT_SORTS


def parse_filter(
    query: QueryDict, base_tag: Tag | None = None, default_sort: str = "revised_at"
) -> ParsedFilter:
    """`default_sort` applies when the query names none (the search page: best match)."""
    errors: list[str] = []
    include_ratings, include, asked_in = _selected(query, "include_work_search")
    # The search form's fields (work_search[rating_ids], [fandom_names], [title]...).
    form_ratings, form_tags, asked_form = _selected(query, "work_search")
    searched = read_search_fields(query)
    errors += searched.errors
    include_ratings += form_ratings
    include += form_tags + searched.tags
    asked_in += asked_form + len(searched.tags)
    exclude_ratings, exclude, _ = _selected(query, "exclude_work_search")
    other, asked_other = _named(query, "other_tag_names", errors)
    excluded_named, _ = _named(query, "excluded_tag_names", errors)
    include += other
    exclude += exclude_ratings + excluded_named
    if base_tag is not None:
        include.append(base_tag.filter_tag)
    found = len(include_ratings) + len(include) - (1 if base_tag else 0)
    sort = _param(query, "sort_column")
    if sort and sort not in SORT_COLUMNS:
        errors.append(f"“{sort}” is not a sort we know; sorted by date updated instead.")
    criteria = Criteria(
        include_tag_ids=frozenset(tag.pk for tag in include),
        rating_ids=frozenset(tag.pk for tag in include_ratings),
        exclude_tag_ids=frozenset(tag.pk for tag in exclude),
        crossover=TRUE_FALSE.get(_param(query, "crossover")),
        complete=TRUE_FALSE.get(_param(query, "complete")),
        single_chapter=_param(query, "single_chapter") in {"1", "true", "T"},
        words_from=_int(query, "words_from", "Words from", errors),
        words_to=_int(query, "words_to", "Words to", errors),
        date_from=_date(query, "date_from", "Date from", errors) or searched.date_from,
        date_to=_date(query, "date_to", "Date to", errors) or searched.date_to,
        language=_param(query, "language_id") or None,
        text=searched.text,
        sort=sort if sort in SORT_COLUMNS else default_sort,
        descending=_descending(_param(query, "sort_direction"), sort),
        # A tag asked for by id or name that does not exist matches no work.
        matches_nothing=found < asked_in + asked_other,
    )
    return ParsedFilter(
        criteria=criteria,
        errors=errors,
        include_tags=[
            t for t in include_ratings + include if not base_tag or t != base_tag.filter_tag
        ],
        exclude_tags=exclude,
    )
