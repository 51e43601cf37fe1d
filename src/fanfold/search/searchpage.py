"""The works search page: AO3's advanced form, and a line saying what was searched for."""

from django.http import QueryDict

from fanfold.lib import languages
from fanfold.search.criteria import SORT_COLUMNS, Criteria
from fanfold.search.query import render
from fanfold.search.searchform import COUNTS, NAMED_TAGS, WORDS_IN_FIELD
from fanfold.tags.models import Tag, TagType

FORM_FIELDS = (
    "query", *WORDS_IN_FIELD, "revised_at", "complete", "crossover", "single_chapter",
    "word_count", "language_id", *NAMED_TAGS, "rating_ids", *COUNTS, "sort_column",
    "sort_direction",
)  # fmt: skip
# AO3's search form lists these sorts, best match first.
SEARCH_SORTS = ("_score", "authors_to_sort_on", "title_to_sort_on", "created_at", "revised_at",
                "word_count", "hits", "kudos_count", "comments_count", "bookmarks_count")  # fmt: skip


def is_search(query: QueryDict) -> bool:
    """Whether the query asks for results (the bare page, or ?edit_search=true, shows the form)."""
    if query.get("edit_search"):
        return False
    return any(key.startswith(("work_search[", "include_work_search[")) for key in query)


def search_form_context(query: QueryDict) -> dict:
    fixed = Tag.objects.filter(type__in=[TagType.RATING, TagType.WARNING, TagType.CATEGORY])
    by_type: dict[str, list[Tag]] = {}
    for tag in fixed.order_by("name"):
        by_type.setdefault(tag.type, []).append(tag)
    return {
        "values": {name: query.get(f"work_search[{name}]", "") for name in FORM_FIELDS},
        "checked_warnings": query.getlist("work_search[archive_warning_ids][]"),
        "checked_categories": query.getlist("work_search[category_ids][]"),
        "ratings": by_type.get(TagType.RATING, []),
        "warnings": by_type.get(TagType.WARNING, []),
        "categories": by_type.get(TagType.CATEGORY, []),
        "languages": languages.LANGUAGES,
        "sort_choices": [(key, SORT_COLUMNS[key]) for key in SEARCH_SORTS],
    }


def search_summary(query: QueryDict, criteria: Criteria) -> list[str]:
    """What was searched for, in AO3's words ("Title: …", "Complete", "sort by: kudos")."""
    said = [render(criteria.text)] if criteria.text is not None else []
    names = Tag.objects.filter(id__in=criteria.include_tag_ids | criteria.rating_ids)
    tags = sorted(names.values_list("name", flat=True))
    if tags:
        said.append("Tags: " + ", ".join(tags))
    said += [{"T": "Complete", "F": "Incomplete"}.get(query.get("work_search[complete]", ""), "")]
    said += [
        {"T": "Only Crossovers", "F": "No Crossovers"}.get(
            query.get("work_search[crossover]", ""), ""
        )
    ]
    if criteria.single_chapter:
        said.append("Single Chapter")
    if criteria.language:
        said.append(f"Language: {languages.language_for(criteria.language).name}")
    said.append(
        f"sort by: {SORT_COLUMNS[criteria.sort].lower()} "
        f"{'descending' if criteria.descending else 'ascending'}"
    )
    return [part for part in said if part]
