"""The filter sidebar: AO3's fields, filled from the query and the facets of the result."""

from dataclasses import dataclass

from django.http import QueryDict
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from fanfold.lib import languages
from fanfold.search.active_filters import active_filters
from fanfold.search.criteria import FACET_TYPES, SORT_COLUMNS
from fanfold.search.params import ParsedFilter
from fanfold.tags.models import Tag

PARAM_OF_TYPE = {
    "Rating": "rating_ids",
    "ArchiveWarning": "archive_warning_ids",
    "Category": "category_ids",
    "Fandom": "fandom_ids",
    "Relationship": "relationship_ids",
    "Character": "character_ids",
    "Freeform": "freeform_ids",
}
LABEL_OF_TYPE = {
    "Rating": _("Ratings"),
    "ArchiveWarning": _("Warnings"),
    "Category": _("Categories"),
    "Fandom": _("Fandoms"),
    "Relationship": _("Relationships"),
    "Character": _("Characters"),
    "Freeform": _("Additional Tags"),
}


StrOrPromise = str | Promise

TEXT_FIELDS = (
    "other_tag_names", "excluded_tag_names", "crossover", "complete", "single_chapter", "hide_finished",
    "words_from", "words_to", "date_from", "date_to", "language_id", "query",
)  # fmt: skip


@dataclass
class FacetChoice:
    tag: Tag
    count: int | None
    included: bool
    excluded: bool


@dataclass
class FacetGroup:
    tag_type: str
    label: StrOrPromise
    include_name: str
    exclude_name: str
    choices: list[FacetChoice]


def facet_groups(
    parsed: ParsedFilter, facets: dict[str, list[tuple[Tag, int]]]
) -> list[FacetGroup]:
    included = {tag.pk for tag in parsed.include_tags}
    excluded = {tag.pk for tag in parsed.exclude_tags}
    groups = []
    for tag_type in FACET_TYPES:
        choices = [
            FacetChoice(tag, count, tag.pk in included, tag.pk in excluded)
            for tag, count in facets.get(tag_type, [])
        ]
        shown = {choice.tag.pk for choice in choices}
        # Chosen tags stay on the form even when they are not among the top ones.
        for tag in parsed.include_tags + parsed.exclude_tags:
            if tag.type == tag_type and tag.pk not in shown:
                choices.append(FacetChoice(tag, None, tag.pk in included, tag.pk in excluded))
                shown.add(tag.pk)
        param = PARAM_OF_TYPE[tag_type]
        groups.append(
            FacetGroup(
                tag_type=tag_type,
                label=LABEL_OF_TYPE[tag_type],
                include_name=f"include_work_search[{param}][]",
                exclude_name=f"exclude_work_search[{param}][]",
                choices=choices,
            )
        )
    return groups


# The first groups (ratings, warnings, categories, fandoms) start open, as on AO3.
OPEN_ON_INCLUDE = set(FACET_TYPES[:4])


@dataclass
class SideGroup:
    group: FacetGroup
    input_name: str
    is_open: bool
    choices: list[tuple[FacetChoice, bool]]  # (choice, checked)


@dataclass
class FacetSide:
    """The include or the exclude half of the sidebar, which differ only in these values."""

    legend: StrOrPromise
    css: str
    text_label: StrOrPromise
    text_name: str
    text_value: str
    groups: list[SideGroup]


def facet_sides(groups: list[FacetGroup], values: dict) -> list[FacetSide]:
    def side(include: bool) -> list[SideGroup]:
        return [
            SideGroup(
                group=group,
                input_name=group.include_name if include else group.exclude_name,
                is_open=include and group.tag_type in OPEN_ON_INCLUDE,
                choices=[(c, c.included if include else c.excluded) for c in group.choices],
            )
            for group in groups
            if group.choices
        ]

    include = _("Other tags to include"), "other_tag_names"
    exclude = _("Other tags to exclude"), "excluded_tag_names"
    return [
        FacetSide(_("Include"), "include", *include, values[include[1]], side(True)),
        FacetSide(_("Exclude"), "exclude", *exclude, values[exclude[1]], side(False)),
    ]


def sidebar_context(query: QueryDict, parsed: ParsedFilter, facets) -> dict:
    def value(name: str) -> str:
        return query.get(f"work_search[{name}]", "")

    values = {name: value(name) for name in TEXT_FIELDS}
    groups = facet_groups(parsed, facets)
    return {
        "facet_groups": groups,
        "facet_sides": facet_sides(groups, values),
        # Best match means something only when there are words to match.
        "sort_choices": [
            (key, label)
            for key, label in SORT_COLUMNS.items()
            if key != "_score" or parsed.criteria.text is not None
        ],
        "sort_column": parsed.criteria.sort,
        "sort_direction": "desc" if parsed.criteria.descending else "asc",
        "languages": languages.LANGUAGES,
        "values": values,
        "filter_errors": parsed.errors,
        "is_filtered": any(key != "page" for key in query),
        "active_filters": active_filters(query),
    }
