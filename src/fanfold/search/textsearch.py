"""Answering a parsed query over the filter index's documents, and scoring matches with BM25.

A work's text fields are its title, creators (never for anonymous works: the source leaves
them out), summary, notes and series titles; its tag text is the name of every tag that
filters as one of its filter tags, so a canonical tag's synonyms and a sub tag's meta tags
are found too. Tag names are indexed once per tag, not once per work: a word finds the tags
whose names hold it, and their postings give the works.
"""

from array import array
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from pyroaring import BitMap

from fanfold.search.criteria import FACET_TYPES
from fanfold.search.query import TAG_TYPE_FIELDS, And, Count, Flag, Language, Node, Not, Or, Term
from fanfold.search.textindex import NumberOfId, TextPostings, Vocabulary, bitmap_of

DOC_FIELDS = ("title", "creators", "summary", "notes", "series")
# AO3's boosts (WorkQuery#general_query: creators^5, title^7); every other field counts once.
BOOSTS = {"title": 7.0, "creators": 5.0, "summary": 1.0, "notes": 1.0, "series": 1.0, "tags": 1.0}
TAG_TYPES = FACET_TYPES  # a tag entry's type is its index here (-1: another type)
# Postings of words on at least this many documents are kept as bitmaps, for this many words.
CACHED_POSTINGS, CACHED_WORDS = 5_000, 512
# Scoring finds the matches among a word's postings by binary search when the postings are
# this many times longer than the matches, else by numbering the postings (see _values_at).
SEARCH_RATIO = 4
COUNT_COLUMNS = {
    "words": "words",
    "kudos": "kudos",
    "hits": "hits",
    "comments": "comments",
    "bookmarks": "bookmarks",
    "chapters": "chapters",
}


@dataclass
class TagName:
    """One tag's name as the search index reads it: the tag it filters as, and its type."""

    tag_id: int
    name: str
    tag_type: str
    filter_tag_id: int


class TextSearch:
    """The text side of a FilterIndex: document words, tag-name words, query evaluation."""

    def __init__(self, index) -> None:
        self.index = index
        self.vocabulary = Vocabulary()
        self.documents = TextPostings([BOOSTS[field] for field in DOC_FIELDS])
        self.tags = TextPostings([BOOSTS["tags"]])
        # Per tag entry (compact arrays, not lists: a million tags would cost ~100 MB as ints):
        self.entry_tag = array("q")  # the tag's id
        self.entry_filter_tag = array("q")  # the id of the tag it filters as
        self.entry_type = array("b")  # its index in TAG_TYPES, -1 for other types
        self.entry_of_tag = NumberOfId()
        self.dead_entries = BitMap()
        self.word_cache: dict[tuple, BitMap] = {}
        self.tag_cache: dict[tuple, list[int]] = {}

    # --- building and keeping current -------------------------------------------------------

    def document_words(self, row) -> list[list[int]]:
        ids = self.vocabulary.ids_of
        return [
            ids(row.title),
            ids(row.creator_names),
            ids(row.summary),
            ids(row.notes),
            ids(row.series),
        ]

    def build(
        self, document_words: Iterable[list[list[int]]], tag_names: Iterable[TagName]
    ) -> None:
        self.documents.build(document_words)
        self.tags.build(self._new_entry(tag) for tag in tag_names)
        self.vocabulary.freeze()
        self.documents.invert(len(self.vocabulary.ids))
        self.tags.invert(len(self.vocabulary.ids))

    def _new_entry(self, tag: TagName) -> list[list[int]]:
        old = self.entry_of_tag.get(tag.tag_id)
        if old is not None:
            self.dead_entries.add(old)
        self.entry_of_tag.set(tag.tag_id, len(self.entry_filter_tag))
        self.entry_tag.append(tag.tag_id)
        self.entry_filter_tag.append(tag.filter_tag_id)
        self.entry_type.append(_type_code(tag.tag_type))
        return [self.vocabulary.ids_of(tag.name)]

    def add_document(self, doc: int, row) -> None:
        self.documents.add(doc, self.document_words(row))

    def update_tags(self, tags: Iterable[TagName]) -> None:
        """Re-indexes the tags whose name, type or filter tag changed (the others are kept)."""
        for tag in tags:
            if not self._is_current(tag):
                entry = len(self.entry_filter_tag)
                self.tags.add(entry, self._new_entry(tag))

    def _is_current(self, tag: TagName) -> bool:
        entry = self.entry_of_tag.get(tag.tag_id)
        return (
            entry is not None
            and self.entry_filter_tag[entry] == tag.filter_tag_id
            and self.entry_type[entry] == _type_code(tag.tag_type)
            and self.tags.words_of(entry, 0) == self.vocabulary.ids_of(tag.name)
        )

    # --- matching ---------------------------------------------------------------------------

    def matches(self, node: Node) -> BitMap:
        """Every live document the query matches (visibility and filters are applied after)."""
        if isinstance(node, And):
            found = self.matches(node.children[0])
            for child in node.children[1:]:
                found = (
                    found - self.matches(child.child)
                    if isinstance(child, Not)
                    else found & self.matches(child)
                )
            return found
        if isinstance(node, Or):
            return BitMap.union(*(self.matches(child) for child in node.children))
        if isinstance(node, Not):
            return self.index.alive - self.matches(node.child)
        if isinstance(node, Term):
            return self._term_docs(node)
        return bitmap_of(np.flatnonzero(self._column_condition(node)))

    def _column_condition(self, node: Count | Flag | Language) -> np.ndarray:
        columns = self.index.columns
        if isinstance(node, Count):
            values = columns[COUNT_COLUMNS[node.field]].values()
            wanted = np.ones(len(values), dtype=bool)
            if node.low is not None:
                wanted &= values >= node.low
            if node.high is not None:
                wanted &= values <= node.high
            return wanted
        if isinstance(node, Flag):
            return columns[node.field].values() == node.value
        code = self.index.languages.get(node.code, -1)
        return columns["language"].values() == code

    def _term_docs(self, term: Term) -> BitMap:
        found = BitMap()
        doc_fields = _doc_fields(term.field)
        if doc_fields:
            found |= self._doc_bitmap(term, doc_fields)
        if term.field is None or term.field == "tags" or term.field in TAG_TYPE_FIELDS:
            found |= self._tag_docs(term)
        return found & self.index.alive

    def _doc_bitmap(self, term: Term, fields: list[int]) -> BitMap:
        """A single word's documents come from a cache of the build's postings plus the few
        documents added since; phrases and wildcards are worked out each time."""
        if term.wildcard or len(term.words) > 1:
            return bitmap_of(self._doc_matches(term, fields))
        number = self.vocabulary.ids.get(term.text)
        if number is None:
            return BitMap()
        mask = _mask(fields)
        key = (number, mask)
        base = self.word_cache.pop(key, None)  # popped and put back: the dict keeps LRU order
        if base is None and mask == self.documents.all_fields:
            base = self.documents.base_bitmap(number)
        if base is None:
            base = bitmap_of(self.documents.base_postings(number, mask))
        if len(base) >= CACHED_POSTINGS and mask != self.documents.all_fields:
            self.word_cache[key] = base
            if len(self.word_cache) > CACHED_WORDS:
                del self.word_cache[next(iter(self.word_cache))]
        added = self.documents.added_postings(number, mask)
        return base | BitMap(added) if added else base

    def _word_ids(self, term: Term) -> list[np.ndarray]:
        """Per word of the term, the numbers of the words it stands for (several: a wildcard)."""
        if term.wildcard:
            return [self.vocabulary.matching(term.text)]
        found = []
        for word in term.words:
            number = self.vocabulary.ids.get(word)
            found.append(np.array([] if number is None else [number], dtype=np.int32))
        return found

    def _items_with(self, postings: TextPostings, word_ids: list[np.ndarray], fields) -> np.ndarray:
        """Items holding every word (in the given fields), then, for phrases, in sequence."""
        candidates = None
        for options in word_ids:
            found = [postings.items(int(w), _mask(fields)) for w in options]
            items = np.unique(np.concatenate(found)) if found else np.zeros(0, np.uint32)
            candidates = (
                items
                if candidates is None
                else np.intersect1d(candidates, items, assume_unique=True)
            )
            if not len(candidates):
                return candidates
        assert candidates is not None
        if len(word_ids) > 1:
            candidates = postings.with_phrase(candidates, [int(w[0]) for w in word_ids], fields)
        return candidates

    def _doc_matches(self, term: Term, fields: list[int]) -> np.ndarray:
        return self._items_with(self.documents, self._word_ids(term), fields)

    def _tag_docs(self, term: Term) -> BitMap:
        return self.index.docs_under(self._dense_tags(term))

    def _dense_tags(self, term: Term) -> list[int]:
        """The filter tags (dense numbers) whose names, or their synonyms' names, match. Kept
        until a tag name changes or a tag is added (both append, so lengths tell)."""
        key = (term.text, term.field, len(self.entry_tag), self.index.tag_count)
        found = self.tag_cache.get(key)
        if found is not None:
            return found
        entries = self._items_with(self.tags, self._word_ids(term), [0])
        wanted_type = TAG_TYPE_FIELDS.get(term.field or "")
        dense = set()
        for entry in entries.tolist():
            if entry in self.dead_entries:
                continue
            if wanted_type is not None and self.entry_type[entry] != _type_code(wanted_type):
                continue
            number = self.index.tag_dense.get(self.entry_filter_tag[entry])
            if number is not None:
                dense.add(number)
        found = self.tag_cache[key] = sorted(dense)
        if len(self.tag_cache) > CACHED_WORDS:
            del self.tag_cache[next(iter(self.tag_cache))]
        return found

    def tags_matching(self, node: Node) -> set[int]:
        """Ids of the tags whose names match a query of words (tag search)."""
        entries = self._entries(node)
        return {
            self.entry_tag[entry] for entry in entries.tolist() if entry not in self.dead_entries
        }

    def _entries(self, node: Node) -> np.ndarray:
        if isinstance(node, Term):
            return self._items_with(self.tags, self._word_ids(node), [0])
        if isinstance(node, Not):
            everything = np.arange(len(self.entry_tag), dtype=np.uint32)
            return np.setdiff1d(everything, self._entries(node.child))
        if isinstance(node, (And, Or)):
            combine = np.intersect1d if isinstance(node, And) else np.union1d
            found = self._entries(node.children[0])
            for child in node.children[1:]:
                found = combine(found, self._entries(child))
            return found
        return np.zeros(0, dtype=np.uint32)  # counts and flags say nothing about a tag's name

    # --- relevance --------------------------------------------------------------------------

    def scores(self, node: Node, docs: np.ndarray) -> np.ndarray:
        """BM25 per field with AO3's boosts, summed over the query's positive words."""
        total = np.zeros(len(docs), dtype=np.float64)
        for term in _positive_terms(node):
            total += self._term_score(term, docs)
        return total

    def _term_score(self, term: Term, docs: np.ndarray) -> np.ndarray:
        score = np.zeros(len(docs), dtype=np.float64)
        if term.wildcard:  # a constant score, as Elasticsearch gives wildcard queries
            score[_members(docs, self._term_docs(term))] = 1.0
            return score
        fields = _doc_fields(term.field)
        if fields:
            in_phrase = self._doc_matches(term, fields) if len(term.words) > 1 else None
            for word in term.words:
                number = self.vocabulary.ids.get(word)
                if number is not None:
                    score += self._word_score(number, docs, in_phrase)
        if term.field is None or term.field == "tags" or term.field in TAG_TYPE_FIELDS:
            tagged = self._tag_docs(term)
            if tagged:
                score[_members(docs, tagged)] += BOOSTS["tags"] * _idf(self._live(), len(tagged))
        return score

    def _live(self) -> int:
        return max(len(self.index.alive), 1)

    def _word_score(
        self, number: int, docs: np.ndarray, in_phrase: np.ndarray | None
    ) -> np.ndarray:
        """The word's idf times its precomputed impact, for the given (sorted) documents.
        A word asked for in one field scores with its impact over all fields (a shortcut:
        relevance orders results, it never decides which works match)."""
        items, impact = self.documents.impacts(number)
        if not len(items):
            return np.zeros(len(docs), dtype=np.float32)
        score = _values_at(docs, items, impact) * _idf(self._live(), len(items))  # float32
        if in_phrase is not None:
            score[~np.isin(docs, in_phrase)] = 0
        return score


def _idf(documents: int, frequency: int) -> float:
    return float(np.log(1 + (documents - frequency + 0.5) / (frequency + 0.5)))


def _members(docs: np.ndarray, found: BitMap) -> np.ndarray:
    """Which of the sorted documents are in `found` (a mask over `docs`)."""
    members = np.asarray(found.to_array(), dtype=docs.dtype)
    return _values_at(docs, members, np.ones(len(members), dtype=bool))


def _values_at(docs: np.ndarray, items: np.ndarray, values: np.ndarray) -> np.ndarray:
    """For each of the sorted documents, the value of the sorted items that equals it (0 for
    documents not among them)."""
    found = np.zeros(len(docs), dtype=values.dtype)
    if not len(items) or not len(docs):
        return found
    if len(docs) < 1024 or len(items) > SEARCH_RATIO * len(docs):
        # Few documents, or few among many items: a binary search for each document.
        where = np.minimum(np.searchsorted(items, docs), len(items) - 1)
        hit = items[where] == docs
        found[hit] = values[where[hit]]
        return found
    # As many or more: spread the values over an array indexed by document and read it,
    # one pass over each instead of a binary search per document.
    spread = np.zeros(max(int(items[-1]), int(docs[-1])) + 1, dtype=values.dtype)
    spread[items] = values
    return spread[docs]


def _type_code(tag_type: str) -> int:
    return TAG_TYPES.index(tag_type) if tag_type in TAG_TYPES else -1


def _mask(fields: list[int]) -> int:
    return sum(1 << field for field in fields)


def _doc_fields(field: str | None) -> list[int]:
    if field is None:
        return list(range(len(DOC_FIELDS)))
    return [DOC_FIELDS.index(field)] if field in DOC_FIELDS else []


def _positive_terms(node: Node) -> list[Term]:
    if isinstance(node, Term):
        return [node]
    if isinstance(node, (And, Or)):
        return [term for child in node.children for term in _positive_terms(child)]
    return []  # NOT, counts, flags and languages do not make a work more relevant
