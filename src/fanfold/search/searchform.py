"""AO3's advanced work-search fields (`work_search[title]`, `[kudos_count]`, `[fandom_names]`...)
read into one query tree, as otwarchive's WorkQuery#generate_search_text and range filters do."""

import datetime
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.utils import timezone

from fanfold.search.query import Node, QueryError, Term, conjoin, parse_query
from fanfold.search.words import words
from fanfold.tags.models import Tag, TagType
from fanfold.tags.naming import split_tag_list

# Search-form field -> the query field its words or numbers are searched in.
WORDS_IN_FIELD = {"title": "title", "creators": "creators", "series_titles": "series"}
COUNTS = {
    "word_count": "words",
    "hits": "hits",
    "hits_count": "hits",  # the name the ao3-api package sends
    "kudos_count": "kudos",
    "comments_count": "comments",
    "bookmarks_count": "bookmarks",
}
NAMED_TAGS = {
    "fandom_names": (TagType.FANDOM, "fandoms"),
    "character_names": (TagType.CHARACTER, "characters"),
    "relationship_names": (TagType.RELATIONSHIP, "relationships"),
    "freeform_names": (TagType.FREEFORM, "freeforms"),
}
LABELS = {
    "query": "Any field",
    "title": "Title",
    "creators": "Creators",
    "series_titles": "Series",
    "word_count": "Word count",
    "hits": "Hits",
    "hits_count": "Hits",
    "kudos_count": "Kudos",
    "comments_count": "Comments",
    "bookmarks_count": "Bookmarks",
    "revised_at": "Date updated",
}


@dataclass
class SearchFields:
    text: Node | None = None
    tags: list[Tag] = field(default_factory=list)  # named tags that exist: filtered on
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    errors: list[str] = field(default_factory=list)


def _param(query: QueryDict, name: str) -> str:
    return query.get(f"work_search[{name}]", "").strip()


def _parsed(text: str, name: str, errors: list[str]) -> Node | None:
    try:
        return parse_query(text)
    except QueryError as error:
        errors.append(f"{LABELS[name]}: {error} “{text}” was left out of the search.")
        return None


def read_search_fields(query: QueryDict) -> SearchFields:
    found = SearchFields()
    parts: list[Node | None] = [_parsed(_param(query, "query"), "query", found.errors)]
    for name, target in WORDS_IN_FIELD.items():
        raw = _param(query, name)
        if raw:
            parts += [Term(word, target) for word in words(raw)]  # AO3: each word in the field
    for name, target in COUNTS.items():
        raw = _param(query, name)
        if raw:
            parts.append(_parsed(f"{target}:{raw}", name, found.errors))
    for name, (tag_type, target) in NAMED_TAGS.items():
        try:
            tag_names = split_tag_list(_param(query, name)[:5000])
        except ValidationError as error:  # a name no tag may have: said, and left out
            found.errors.extend(error.messages)
            continue
        for tag_name in tag_names:
            tag = (
                Tag.objects.filter(name__iexact=tag_name, type=tag_type)
                .select_related("merger")
                .first()
            )
            if tag is not None:
                found.tags.append(tag.filter_tag)
            elif words(tag_name):  # AO3 matches a tag it does not know by its words
                parts.append(Term(" ".join(words(tag_name)), target))
    found.text = conjoin([part for part in parts if part is not None])
    read_date_range(_param(query, "revised_at"), found, "Date updated")
    return found


_AGO = re.compile(
    r"^\s*(<|>)?\s*(\d{1,4})\s*(?:-\s*(\d{1,4})\s*)?(day|week|month|year)s?(?:\s+ago)?\s*$", re.I
)
_DAYS = {"day": 1, "week": 7, "month": 30, "year": 365}


def read_date_range(raw: str, found: SearchFields, label: str) -> None:
    """AO3's date fields: `< 2 weeks` (newer), `> 1 year` (older), `1-2 years`, or a date."""
    if not raw:
        return
    today = timezone.now().date()
    match = _AGO.match(raw)
    if match:
        sign, first, second, unit = match.groups()
        days = _DAYS[unit.lower()]
        ago = today - datetime.timedelta(days=int(first) * days)
        if second is not None:
            found.date_from = today - datetime.timedelta(days=int(second) * days)
            found.date_to = ago
        elif sign == ">":
            found.date_to = ago
        elif sign == "<":
            found.date_from = ago
        else:
            found.date_from = found.date_to = ago
        return
    try:
        found.date_from = found.date_to = datetime.date.fromisoformat(raw.lstrip("="))
    except ValueError:
        found.errors.append(
            f"{label}: “{raw}” is not a date we can read; try “< 2 weeks”, “> 1 year” or "
            "2024-01-31. It was left out of the search."
        )
