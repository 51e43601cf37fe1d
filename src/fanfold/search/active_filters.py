"""The filters a listing's query applies, each with the link that removes just that one."""

import re
from dataclasses import dataclass

from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from fanfold.lib import languages
from fanfold.tags.models import Tag

# include_work_search[fandom_ids][], exclude_work_search[rating_ids], work_search[rating_ids]
TAG_PARAM = re.compile(r"^(include_|exclude_)?work_search\[(\w+)_ids\](\[\])?$")
# Not filters: they order the same works, or page through them.
NOT_FILTERS = {"page", "work_search[sort_column]", "work_search[sort_direction]"}
TAG_NAME_FIELDS = {"work_search[other_tag_names]", "work_search[excluded_tag_names]"}
FIELD_LABELS = {
    "work_search[words_from]": _("Words from"),
    "work_search[words_to]": _("Words to"),
    "work_search[date_from]": _("Updated from"),
    "work_search[date_to]": _("Updated to"),
    "work_search[query]": _("Search within results"),
    "work_search[language_id]": _("Language"),
    "bookmark_search[other_bookmark_tag_names]": _("Bookmarker's tags"),
}
# Choices whose value alone says nothing ("T"): the whole label names them.
CHOICE_LABELS = {
    ("work_search[crossover]", "T"): _("Only crossovers"),
    ("work_search[crossover]", "F"): _("No crossovers"),
    ("work_search[complete]", "T"): _("Complete works only"),
    ("work_search[complete]", "F"): _("Works in progress only"),
    ("work_search[single_chapter]", "1"): _("Single-chapter works only"),
    ("work_search[hide_finished]", "1"): _("Hiding works I have finished"),
    ("bookmark_search[rec]", "T"): _("Recs only"),
    ("bookmark_search[with_notes]", "T"): _("With notes"),
}


@dataclass(frozen=True)
class ActiveFilter:
    label: str
    excluded: bool
    remove_query: str  # the query string without this filter (and without the page)


def active_filters(query: QueryDict) -> list[ActiveFilter]:
    names = _tag_names(query)
    found = []
    for key, values in query.lists():
        if key in NOT_FILTERS:
            continue
        for value in values:
            label = _label(key, value.strip(), names)
            if label:
                excluded = key.startswith("exclude_") or key.endswith("excluded_tag_names]")
                found.append(ActiveFilter(str(label), excluded, _without(query, key, value)))
    return found


def _label(key: str, value: str, names: dict[str, str]) -> str | None:
    if not value:
        return None
    if TAG_PARAM.match(key):
        return names.get(value, value)
    if key in TAG_NAME_FIELDS:
        return value
    if (key, value) in CHOICE_LABELS:
        return str(CHOICE_LABELS[(key, value)])
    if key == "work_search[language_id]":
        value = languages.language_for(value).name
    if key in FIELD_LABELS:
        return f"{FIELD_LABELS[key]}: {value}"
    return None


def _tag_names(query: QueryDict) -> dict[str, str]:
    """Tag ids in the query, read as the names a reader chose (names stay as typed)."""
    ids = {
        value.strip()
        for key, values in query.lists()
        if TAG_PARAM.match(key)
        for value in values
        if value.strip().isascii() and value.strip().isdigit() and len(value.strip()) < 19
    }
    tags = Tag.objects.filter(id__in=[int(value) for value in ids]).values_list("id", "name")
    return {str(pk): name for pk, name in tags}


def _without(query: QueryDict, key: str, value: str) -> str:
    remaining = query.copy()
    remaining.setlist(key, [other for other in query.getlist(key) if other != value])
    remaining.pop("page", None)
    return remaining.urlencode()
