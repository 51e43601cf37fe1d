"""Word postings for full-text search, in the same append-only numpy shape as the filter index.

Items (a work's documents, or tag names) are numbered densely and never change; a changed
item gets a new number, as documents do. For each item and field the words are kept in
order (a CSR "forward" array, which phrases are checked against), and for each word the
items that hold it, with a byte saying in which fields and the word's BM25 "impact" on
the item (its per-field BM25 term-frequency parts, weighted by the field boosts, summed;
a query multiplies by the word's idf). Precomputing impacts makes scoring a gather instead
of a computation per field and match (measured: docs/decisions.md). Items added after the
build keep their words in small dictionaries until the next rebuild.
"""

from array import array
from bisect import bisect_left
from collections.abc import Iterable, Sequence

import numpy as np
from pyroaring import BitMap

from fanfold.search.words import words

BITMAP_THRESHOLD = 256  # as for tags in the filter index

K1, B = 1.2, 0.75  # BM25's usual constants


def csr_gather(offsets: np.ndarray, values: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """The values of these rows of a CSR array, concatenated, without a Python loop."""
    starts = offsets[rows]
    lengths = offsets[rows + 1] - starts
    if not len(lengths):
        return values[:0]
    shifts = np.repeat(starts - np.cumsum(lengths) + lengths, lengths)
    return values[np.arange(lengths.sum()) + shifts]


class NumberOfId:
    """Id -> number (a work's document, a tag's entry) as a numpy array indexed by id.

    A dict of a million ints costs ~100 MB; this costs 4 bytes per id.
    """

    def __init__(self) -> None:
        self.numbers = np.full(1024, -1, dtype=np.int32)

    def get(self, key: int) -> int | None:
        if key >= len(self.numbers) or self.numbers[key] < 0:
            return None
        return int(self.numbers[key])

    def set(self, key: int, number: int) -> None:
        if key >= len(self.numbers):
            grown = np.full(max(key + 1, 2 * len(self.numbers)), -1, dtype=np.int32)
            grown[: len(self.numbers)] = self.numbers
            self.numbers = grown
        self.numbers[key] = number

    def pop(self, key: int) -> int | None:
        number = self.get(key)
        if number is not None:
            self.numbers[key] = -1
        return number


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
        prefix = pattern[
            : min(i for i in (pattern.find("*"), pattern.find("?"), len(pattern)) if i >= 0)
        ]
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
    """The words of items in several fields: forward arrays for phrases, postings for lookup."""

    def __init__(self, boosts: Sequence[float]) -> None:
        self.boosts = np.array(boosts, dtype=np.float64)
        self.fields = len(boosts)
        self.base_items = 0
        self.forward_offsets = [np.zeros(1, dtype=np.int64) for _ in range(self.fields)]
        self.forward_ids = [np.zeros(0, dtype=np.int32) for _ in range(self.fields)]
        self.term_offsets = np.zeros(1, dtype=np.int64)
        self.post_items = np.zeros(0, dtype=np.uint32)
        self.post_fields = np.zeros(0, dtype=np.uint8)  # bit f: the word is in field f
        self.post_impact = np.zeros(0, dtype=np.float32)
        self.delta: dict[int, list[np.ndarray]] = {}  # item -> its words per field
        self.delta_postings: dict[
            int, list[tuple[int, int, float]]
        ] = {}  # word -> (item, fields, impact)
        self.average_length = np.ones(self.fields)
        self.bitmaps: dict[int, BitMap] = {}

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
        lengths = [np.diff(o) for o in self.forward_offsets]
        self.average_length = np.array(
            [max(float(ln.mean()), 1.0) if len(ln) else 1.0 for ln in lengths]
        )

    def invert(self, vocabulary_size: int) -> None:
        """Postings sorted by (word, item), one field at a time to keep the peak memory low."""
        n = max(self.base_items, 1)
        keys = np.concatenate(
            [self.forward_ids[f].astype(np.int64) * n + self._owners(f) for f in range(self.fields)]
        )
        field_of = np.concatenate(
            [np.full(len(self.forward_ids[f]), f, dtype=np.int8) for f in range(self.fields)]
        )
        order = np.argsort(keys, kind="stable")
        keys, field_of = keys[order], field_of[order]
        del order
        new_pair = np.concatenate([np.ones(min(len(keys), 1), dtype=bool), keys[1:] != keys[:-1]])
        starts = np.flatnonzero(new_pair)
        pair_of = np.cumsum(new_pair) - 1
        pairs = keys[starts]
        del keys
        self.post_items = (pairs % n).astype(np.uint32)
        self.post_fields = np.zeros(len(pairs), dtype=np.uint8)
        impact = np.zeros(len(pairs), dtype=np.float64)
        for field in range(self.fields):
            in_field = field_of == field
            tf = np.bincount(pair_of[in_field], minlength=len(pairs)).astype(np.float64)
            present = tf > 0
            self.post_fields[present] |= np.uint8(1 << field)
            lengths = np.diff(self.forward_offsets[field])[self.post_items[present]]
            norm = 1 - B + B * lengths / self.average_length[field]
            impact[present] += (
                self.boosts[field] * tf[present] * (K1 + 1) / (tf[present] + K1 * norm)
            )
        self.post_impact = impact.astype(np.float32)
        counts = np.bincount(pairs // n, minlength=vocabulary_size)
        self.term_offsets = np.zeros(len(counts) + 1, dtype=np.int64)
        np.cumsum(counts, out=self.term_offsets[1:])
        # Making a bitmap from an array costs ~45 ns per item (18 ms for 400,000): do it once
        # here for the common words, whose postings every query on them would convert again.
        self.bitmaps = {
            int(term): bitmap_of(self.post_items[self._base_slice(int(term))])
            for term in np.flatnonzero(counts >= BITMAP_THRESHOLD)
        }

    def _owners(self, field: int) -> np.ndarray:
        lengths = np.diff(self.forward_offsets[field])
        return np.repeat(np.arange(self.base_items, dtype=np.int64), lengths)

    def add(self, item: int, ids_per_field: Sequence[list[int]]) -> None:
        arrays = [np.array(ids, dtype=np.int32) for ids in ids_per_field]
        self.delta[item] = arrays
        for term in {t for ids in ids_per_field for t in ids}:
            fields, impact = 0, 0.0
            for field, field_words in enumerate(arrays):
                tf = int((field_words == term).sum())
                if tf:
                    fields |= 1 << field
                    norm = 1 - B + B * len(field_words) / self.average_length[field]
                    impact += self.boosts[field] * tf * (K1 + 1) / (tf + K1 * norm)
            self.delta_postings.setdefault(term, []).append((item, fields, impact))

    # --- reading ----------------------------------------------------------------------------

    def _base_slice(self, term: int) -> slice:
        if term + 1 >= len(self.term_offsets):
            return slice(0, 0)
        return slice(int(self.term_offsets[term]), int(self.term_offsets[term + 1]))

    def base_bitmap(self, term: int) -> BitMap | None:
        """The build's items holding a common word, in any field (None for rarer words)."""
        return self.bitmaps.get(term)

    def base_postings(self, term: int, mask: int) -> np.ndarray:
        """Items of the build holding the word in a field of the mask (sorted)."""
        window = self._base_slice(term)
        items = self.post_items[window]
        if mask != self.all_fields:
            items = items[(self.post_fields[window] & mask) != 0]
        return items

    def added_postings(self, term: int, mask: int) -> list[int]:
        """Items added after the build holding the word in a field of the mask."""
        return [item for item, fields, _ in self.delta_postings.get(term, ()) if fields & mask]

    def items(self, term: int, mask: int) -> np.ndarray:
        added = self.added_postings(term, mask)
        base = self.base_postings(term, mask)
        return np.concatenate([base, np.array(added, dtype=np.uint32)]) if added else base

    def impacts(self, term: int) -> tuple[np.ndarray, np.ndarray]:
        """Every item holding the word (sorted) and the word's impact on it."""
        window = self._base_slice(term)
        items, impact = self.post_items[window], self.post_impact[window]
        added = self.delta_postings.get(term)
        if added:
            items = np.concatenate([items, np.array([a[0] for a in added], dtype=np.uint32)])
            impact = np.concatenate([impact, np.array([a[2] for a in added], dtype=np.float32)])
        return items, impact

    @property
    def all_fields(self) -> int:
        return (1 << self.fields) - 1

    def words_of(self, item: int, field: int) -> list[int]:
        if item >= self.base_items:
            return self.delta[item][field].tolist()
        offsets = self.forward_offsets[field]
        return self.forward_ids[field][offsets[item] : offsets[item + 1]].tolist()

    def with_phrase(
        self, candidates: np.ndarray, terms: list[int], fields: Sequence[int]
    ) -> np.ndarray:
        """The candidates holding these words next to each other, in order, in one field."""
        found = [
            self._phrase_in_base(candidates[candidates < self.base_items], terms, f) for f in fields
        ]
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
            hits &= (
                owners[shift : len(owners) - span + 1 + shift] == owners[: len(owners) - span + 1]
            )
        return items[np.unique(owners[: len(hits)][hits])]

    @property
    def nbytes(self) -> int:
        arrays: list[np.ndarray] = [self.post_items, self.post_fields, self.post_impact]
        arrays += [self.term_offsets, *self.forward_ids, *self.forward_offsets]
        return sum(a.nbytes for a in arrays)


def bitmap_of(items: np.ndarray) -> BitMap:
    """A bitmap from sorted uint32 items, through array.array (2-4x faster than from numpy)."""
    compact = array("I")
    compact.frombytes(np.ascontiguousarray(items, dtype=np.uint32).tobytes())
    return BitMap(compact)


def _has_sequence(tokens: np.ndarray, terms: list[int]) -> bool:
    span = len(terms)
    return any(tokens[i : i + span].tolist() == terms for i in range(len(tokens) - span + 1))
