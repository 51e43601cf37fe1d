"""Word postings for full-text search, in the same append-only numpy shape as the filter index.

Items (a work's documents, or tag names) are numbered densely and never change; a changed
item gets a new number, as documents do. For each item and field the words are kept in
order (a CSR "forward" array, which phrases are checked against), and for each word the
items that hold it with a count per field (the inverted array BM25 reads). Items added
after the build keep their words in small dictionaries until the next rebuild.
"""

from array import array
from bisect import bisect_left
from collections.abc import Iterable, Sequence

import numpy as np

from fanfold.search.words import words

MAX_TF = 255  # counts per field are stored in a byte; more repeats add nothing to BM25


def csr_gather(offsets: np.ndarray, values: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """The values of these rows of a CSR array, concatenated, without a Python loop."""
    starts = offsets[rows]
    lengths = offsets[rows + 1] - starts
    if not len(lengths):
        return values[:0]
    shifts = np.repeat(starts - np.cumsum(lengths) + lengths, lengths)
    return values[np.arange(lengths.sum()) + shifts]


class Vocabulary:
    """Word -> number; words sorted once at build time so prefixes are a binary search."""

    def __init__(self) -> None:
        self.ids: dict[str, int] = {}
        self.sorted_words: list[str] = []
        self.sorted_ids = np.zeros(0, dtype=np.int32)
        self.added: list[str] = []  # words first seen after the build

    def id_of(self, word: str) -> int:
        found = self.ids.get(word)
        if found is None:
            found = self.ids[word] = len(self.ids)
            self.added.append(word)
        return found

    def ids_of(self, text: str) -> list[int]:
        return [self.id_of(word) for word in words(text)]

    def freeze(self) -> None:
        """Sorts the words seen so far (call once, after the build)."""
        self.sorted_words = sorted(self.ids)
        self.sorted_ids = np.array([self.ids[w] for w in self.sorted_words], dtype=np.int32)
        self.added = []

    def matching(self, pattern: str) -> np.ndarray:
        """Numbers of every word a wildcard pattern (* any characters, ? one) matches."""
        prefix = pattern[: min(i for i in (pattern.find("*"), pattern.find("?"), len(pattern)) if i >= 0)]
        start = bisect_left(self.sorted_words, prefix)
        end = bisect_left(self.sorted_words, prefix + "\U0010ffff")
        candidates = self.sorted_words[start:end] + [w for w in self.added if w.startswith(prefix)]
        matcher = _wildcard(pattern)
        return np.array([self.ids[w] for w in candidates if matcher(w)], dtype=np.int32)


def _wildcard(pattern: str):
    import re

    compiled = re.compile(
        "".join(".*" if c == "*" else "." if c == "?" else re.escape(c) for c in pattern),
        re.DOTALL,
    )
    return lambda word: compiled.fullmatch(word) is not None


class TextPostings:
    """The words of items in `fields` fields: forward arrays for phrases, postings for lookup."""

    def __init__(self, fields: int) -> None:
        self.fields = fields
        self.base_items = 0
        self.forward_offsets = [np.zeros(1, dtype=np.int64) for _ in range(fields)]
        self.forward_ids = [np.zeros(0, dtype=np.int32) for _ in range(fields)]
        self.term_offsets = np.zeros(1, dtype=np.int64)
        self.post_items = np.zeros(0, dtype=np.uint32)
        self.post_tf = np.zeros((0, fields), dtype=np.uint8)
        self.delta: dict[int, list[np.ndarray]] = {}  # item -> its words per field
        self.delta_postings: dict[int, list[int]] = {}  # word -> items added after the build
        self.average_length = np.ones(fields)

    # --- building ---------------------------------------------------------------------------

    def build(self, items: Iterable[Sequence[list[int]]]) -> None:
        """Items' word numbers per field, in item order (invert() then makes the postings)."""
        offsets = [array("q", [0]) for _ in range(self.fields)]
        values = [array("i") for _ in range(self.fields)]
        for item in items:
            for field, ids in enumerate(item):
                values[field].extend(ids)
                offsets[field].append(len(values[field]))
        self.forward_offsets = [np.frombuffer(o, dtype=np.int64).copy() for o in offsets]
        self.forward_ids = [np.frombuffer(v, dtype=np.int32).copy() for v in values]
        self.base_items = len(self.forward_offsets[0]) - 1

    def invert(self, vocabulary_size: int) -> None:
        """Postings from the forward arrays, sorted by (word, item), counted per field."""
        n = max(self.base_items, 1)
        keys, field_of = [], []
        for field in range(self.fields):
            lengths = np.diff(self.forward_offsets[field])
            items = np.repeat(np.arange(self.base_items, dtype=np.int64), lengths)
            keys.append(self.forward_ids[field].astype(np.int64) * n + items)
            field_of.append(np.full(len(items), field, dtype=np.int8))
            self.average_length[field] = max(lengths.mean(), 1.0) if len(lengths) else 1.0
        all_keys = np.concatenate(keys)
        del keys
        pairs, inverse = np.unique(all_keys, return_inverse=True)
        del all_keys
        fields = np.concatenate(field_of)
        tf = np.bincount(
            inverse * self.fields + fields, minlength=len(pairs) * self.fields
        ).reshape(len(pairs), self.fields)
        self.post_tf = np.minimum(tf, MAX_TF).astype(np.uint8)
        self.post_items = (pairs % n).astype(np.uint32)
        terms = pairs // n
        counts = np.bincount(terms, minlength=vocabulary_size)
        self.term_offsets = np.zeros(len(counts) + 1, dtype=np.int64)
        np.cumsum(counts, out=self.term_offsets[1:])

    def add(self, item: int, ids_per_field: Sequence[list[int]]) -> None:
        arrays = [np.array(ids, dtype=np.int32) for ids in ids_per_field]
        self.delta[item] = arrays
        for term in {t for ids in ids_per_field for t in ids}:
            self.delta_postings.setdefault(term, []).append(item)

    # --- reading ----------------------------------------------------------------------------

    def _base_slice(self, term: int) -> slice:
        if term + 1 >= len(self.term_offsets):
            return slice(0, 0)
        return slice(int(self.term_offsets[term]), int(self.term_offsets[term + 1]))

    def postings(self, term: int, fields: Sequence[int]) -> tuple[np.ndarray, np.ndarray]:
        """Items holding the word in any of these fields, and its count per field (items x fields)."""
        window = self._base_slice(term)
        items, tf = self.post_items[window], self.post_tf[window]
        added = self.delta_postings.get(term)
        if added:
            extra_tf = np.array(
                [[min(int((self.delta[i][f] == term).sum()), MAX_TF) for f in range(self.fields)] for i in added],
                dtype=np.uint8,
            )
            items = np.concatenate([items, np.array(added, dtype=np.uint32)])
            tf = np.concatenate([tf, extra_tf])
        if len(fields) < self.fields:
            keep = tf[:, list(fields)].any(axis=1)
            items, tf = items[keep], tf[keep]
        return items, tf

    def words_of(self, item: int, field: int) -> list[int]:
        if item >= self.base_items:
            return self.delta[item][field].tolist()
        offsets = self.forward_offsets[field]
        return self.forward_ids[field][offsets[item] : offsets[item + 1]].tolist()

    def lengths(self, items: np.ndarray, field: int) -> np.ndarray:
        offsets = self.forward_offsets[field]
        base = items < self.base_items
        found = np.zeros(len(items), dtype=np.int64)
        base_items = items[base].astype(np.int64)
        found[base] = offsets[base_items + 1] - offsets[base_items]
        for position in np.flatnonzero(~base).tolist():
            found[position] = len(self.delta[int(items[position])][field])
        return found

    def with_phrase(self, candidates: np.ndarray, terms: list[int], fields: Sequence[int]) -> np.ndarray:
        """The candidates holding these words next to each other, in order, in one field."""
        found = [self._phrase_in_base(candidates[candidates < self.base_items], terms, f) for f in fields]
        for item in candidates[candidates >= self.base_items].tolist():
            if any(_has_sequence(self.delta[item][f], terms) for f in fields):
                found.append(np.array([item], dtype=np.uint32))
        if not found:
            return candidates[:0]
        return np.unique(np.concatenate(found)).astype(np.uint32)

    def _phrase_in_base(self, items: np.ndarray, terms: list[int], field: int) -> np.ndarray:
        offsets = self.forward_offsets[field]
        rows = items.astype(np.int64)
        tokens = csr_gather(offsets, self.forward_ids[field], rows)
        lengths = offsets[rows + 1] - offsets[rows]
        owners = np.repeat(np.arange(len(items)), lengths)
        span = len(terms)
        if len(tokens) < span:
            return items[:0]
        hits = np.ones(len(tokens) - span + 1, dtype=bool)
        for shift, term in enumerate(terms):
            window = tokens[shift : len(tokens) - span + 1 + shift]
            hits &= window == term
            hits &= owners[shift : len(owners) - span + 1 + shift] == owners[: len(owners) - span + 1]
        return items[np.unique(owners[: len(hits)][hits])]

    def document_frequency(self, term: int, field: int) -> int:
        items, _ = self.postings(term, [field])
        return len(items)


def _has_sequence(tokens: np.ndarray, terms: list[int]) -> bool:
    span = len(terms)
    return any(tokens[i : i + span].tolist() == terms for i in range(len(tokens) - span + 1))
