"""The reference answer to a text query: each work's fields read with the ORM, split into words
by a tokeniser of its own, and the query tree checked against them one work at a time.

Deliberately slow and obvious, and independent of search.words and search.textsearch, so a
test comparing the two catches a mistake in either.
"""

import fnmatch
import unicodedata
from collections import defaultdict
from html.parser import HTMLParser

from django.db.models import Q, QuerySet

from fanfold.search.models import FilterTagging
from fanfold.search.query import TAG_TYPE_FIELDS, And, Count, Flag, Language, Node, Not, Or, Term
from fanfold.series.models import SeriesWork
from fanfold.tags.models import Tag
from fanfold.works.models import Creatorship, Work

COLUMNS = {
    "words": "word_count",
    "kudos": "kudos_count",
    "hits": "hit_count",
    "comments": "comment_count",
    "bookmarks": "bookmark_count",
    "chapters": "chapter_count",
}
SCRIPTS_OF_ONE_CHARACTER = (
    "CJK UNIFIED IDEOGRAPH",
    "CJK COMPATIBILITY IDEOGRAPH",
    "HIRAGANA",
    "KATAKANA",
    "THAI",
)


def reference_words(text: str) -> list[str]:
    """Folded words: letters, digits and marks in runs; CJK and Thai characters one by one."""
    found: list[str] = []
    current: list[str] = []
    for char in unicodedata.normalize("NFKD", text.casefold()):
        if unicodedata.combining(char) or char in "'’‘":
            continue
        if unicodedata.name(char, "").startswith(SCRIPTS_OF_ONE_CHARACTER):
            found += ["".join(current), char] if current else [char]
            current = []
        elif char.isalnum() or unicodedata.category(char).startswith("M"):
            current.append(char)
        elif current:
            found.append("".join(current))
            current = []
    if current:
        found.append("".join(current))
    return found


class _TextOf(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def _html_text(stored: str) -> str:
    reader = _TextOf()
    reader.feed(stored)
    reader.close()
    return " ".join(reader.parts)


class _WorkText:
    """One work's words per field, and its tag names' words with their types."""

    def __init__(
        self, work: Work, creators: list[str], series: list[str], tags: list[tuple[str, str]]
    ):
        hide_creators = work.anonymous or work.unrevealed
        self.fields = {
            "title": reference_words(work.title),
            "creators": [] if hide_creators else reference_words("\n".join(creators)),
            "summary": reference_words(_html_text(work.summary)),
            "notes": reference_words(_html_text(work.notes) + "\n" + _html_text(work.end_notes)),
            "series": reference_words("\n".join(series)),
        }
        self.tags = [(reference_words(name), tag_type) for name, tag_type in tags]
        self.work = work


def _contains(words: list[str], term: Term) -> bool:
    wanted = term.text.split(" ")
    if term.wildcard:
        return any(fnmatch.fnmatchcase(word, term.text) for word in words)
    return any(words[i : i + len(wanted)] == wanted for i in range(len(words) - len(wanted) + 1))


def _term_matches(text: _WorkText, term: Term) -> bool:
    if term.field in text.fields:
        return _contains(text.fields[term.field], term)
    if term.field is None and any(_contains(words, term) for words in text.fields.values()):
        return True
    wanted_type = TAG_TYPE_FIELDS.get(term.field or "")
    if term.field not in (None, "tags") and wanted_type is None:
        return False
    return any(
        _contains(words, term) for words, tag_type in text.tags if wanted_type in (None, tag_type)
    )


def _matches(text: _WorkText, node: Node) -> bool:
    work = text.work
    if isinstance(node, And):
        return all(_matches(text, child) for child in node.children)
    if isinstance(node, Or):
        return any(_matches(text, child) for child in node.children)
    if isinstance(node, Not):
        return not _matches(text, node.child)
    if isinstance(node, Term):
        return _term_matches(text, node)
    if isinstance(node, Count):
        value = getattr(work, COLUMNS[node.field])
        return (node.low is None or value >= node.low) and (node.high is None or value <= node.high)
    if isinstance(node, Flag):
        return getattr(work, node.field) == node.value
    assert isinstance(node, Language)
    return work.language == node.code


def works_matching_text(works: QuerySet[Work], node: Node) -> set[int]:
    """Ids of the works the query matches."""
    rows = list(works)
    ids = [work.pk for work in rows]
    creators: dict[int, list[str]] = defaultdict(list)
    for work_id, pseud, login in (
        Creatorship.objects.filter(work_id__in=ids)
        .order_by("position", "id")
        .values_list("work_id", "pseud__name", "pseud__user__username")
    ):
        creators[work_id] += [pseud, login]
    series: dict[int, list[str]] = defaultdict(list)
    for work_id, title in SeriesWork.objects.filter(work_id__in=ids).values_list(
        "work_id", "series__title"
    ):
        series[work_id].append(title)
    tags = _tag_names(ids)
    return {
        work.pk
        for work in rows
        if _matches(_WorkText(work, creators[work.pk], series[work.pk], tags[work.pk]), node)
    }


def _tag_names(work_ids: list[int]) -> dict[int, list[tuple[str, str]]]:
    """Names of every tag filtering as one of each work's filter tags (synonyms, meta tags)."""
    filter_tags: dict[int, list[int]] = defaultdict(list)
    for work_id, tag_id in FilterTagging.objects.filter(work_id__in=work_ids).values_list(
        "work_id", "tag_id"
    ):
        filter_tags[work_id].append(tag_id)
    used = {tag_id for tags in filter_tags.values() for tag_id in tags}
    named: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for tag_id, merger_id, name, tag_type in Tag.objects.filter(
        Q(id__in=used) | Q(merger_id__in=used)
    ).values_list("id", "merger_id", "name", "type"):
        named[tag_id].append((name, tag_type))
        if merger_id is not None and merger_id != tag_id:
            named[merger_id].append((name, tag_type))
    return {
        work_id: [n for tag_id in tags for n in named[tag_id]]
        for work_id, tags in filter_tags.items()
    } | {work_id: [] for work_id in work_ids if work_id not in filter_tags}
