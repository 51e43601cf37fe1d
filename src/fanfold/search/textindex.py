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
from collections.abc import Iterable, Iterator, MutableMapping, Sequence

import numpy as np
from pyroaring import BitMap

from fanfold.search.words import words

BITMAP_THRESHOLD = 256  # as for tags in the filter index
# Each process keeps the bitmaps its queries use, up to this many bytes per cache: the
# postings they are made from are shared by every process that maps the same snapshot.
BITMAP_CACHE_BYTES = 128 * 2**20

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
        self.ids: MutableMapping[str, int] = {}
        self.sorted_words: Sequence[str] = []
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

    def map_frozen(self, sorted_words: "PackedStrings", sorted_ids: np.ndarray) -> None:
        """Takes the frozen words from a snapshot instead of a dict of them (see WordNumbers)."""
        self.sorted_words, self.sorted_ids = sorted_words, sorted_ids
        self.ids, self.added = WordNumbers(sorted_words, sorted_ids), []

    def matching(self, pattern: str) -> np.ndarray:
        """Numbers of every word a wildcard pattern (* any characters, ? one) matches."""
        prefix = pattern[
            : min(i for i in (pattern.find("*"), pattern.find("?"), len(pattern)) if i >= 0)
        ]
        start = bisect_left(self.sorted_words, prefix)
        end = bisect_left(self.sorted_words, prefix + "\U0010ffff")
        candidates = list(self.sorted_words[start:end]) + [
            w for w in self.added if w.startswith(prefix)
        ]
        matcher = _wildcard(pattern)
        return np.array([self.ids[w] for w in candidates if matcher(w)], dtype=np.int32)


class PackedStrings(Sequence[str]):
    """Strings in one UTF-8 byte array with offsets, as a snapshot maps them: a list's
    indexing, slicing and bisecting without a Python object per string."""

    def __init__(self, blob: np.ndarray, offsets: np.ndarray) -> None:
        self.blob, self.offsets = blob, offsets
        self._bytes, self._starts = blob.data, offsets.data

    @classmethod
    def of(cls, strings: Iterable[str]) -> "PackedStrings":
        encoded = [string.encode() for string in strings]
        offsets = np.zeros(len(encoded) + 1, dtype=np.int64)
        np.cumsum([len(e) for e in encoded], out=offsets[1:])
        return cls(np.frombuffer(b"".join(encoded), dtype=np.uint8), offsets)

    def __len__(self) -> int:
        return len(self._starts) - 1

    def __getitem__(self, i):  # type: ignore[override]
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        if i < 0:
            i += len(self)
        if not 0 <= i < len(self):
            raise IndexError(i)
        return bytes(self._bytes[self._starts[i] : self._starts[i + 1]]).decode()


class WordNumbers(MutableMapping[str, int]):
    """Word -> number over a snapshot's sorted words (a binary search, nothing per word in
    the process), plus the words first seen since in a small dict."""

    def __init__(self, sorted_words: PackedStrings, sorted_ids: np.ndarray) -> None:
        self.sorted_words, self.sorted_ids = sorted_words, sorted_ids
        self.added: dict[str, int] = {}

    def __getitem__(self, word: str) -> int:
        where = bisect_left(self.sorted_words, word)
        if where < len(self.sorted_words) and self.sorted_words[where] == word:
            return int(self.sorted_ids[where])
        return self.added[word]

    def __setitem__(self, word: str, number: int) -> None:
        self.added[word] = number

    def __delitem__(self, word: str) -> None:
        del self.added[word]

    def __len__(self) -> int:
        return len(self.sorted_words) + len(self.added)

    def __iter__(self) -> Iterator[str]:
        yield from self.sorted_words
        yield from self.added


class PostingsCache:
    """Bitmaps of the common rows (tags, words) of a CSR postings array, made on first use
    and dropped least recently used first beyond a byte budget. Made lazily, a process that
    maps a snapshot is ready at once and holds only the bitmaps its queries need."""

    def __init__(self, offsets: np.ndarray, items: np.ndarray) -> None:
        self.offsets, self.items = offsets, items
        self.cached: dict[int, BitMap] = {}  # in order of use, oldest first
        self.cached_bytes = 0

    def __contains__(self, row: int) -> bool:
        if row + 1 >= len(self.offsets):
            return False
        return int(self.offsets[row + 1] - self.offsets[row]) >= BITMAP_THRESHOLD

    def __getitem__(self, row: int) -> BitMap:
        found = self.cached.pop(row, None)
        if found is None:
            found = bitmap_of(self.items[self.offsets[row] : self.offsets[row + 1]])
            self.cached_bytes += _bytes_of(found)
        self.cached[row] = found
        while self.cached_bytes > BITMAP_CACHE_BYTES and len(self.cached) > 1:
            self.cached_bytes -= _bytes_of(self.cached.pop(next(iter(self.cached))))
        return found

    def if_common(self, row: int) -> BitMap | None:
        """The row's bitmap, None for a rare row (cheaper cut from the postings each time)."""
        if row not in self:
            return None
        return self[row]


def _bytes_of(bitmap: BitMap) -> int:
    statistics: dict[str, int] = dict(bitmap.get_statistics())  # type: ignore[arg-type]
    return sum(value for key, value in statistics.items() if key.startswith("n_bytes_"))


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
        self.bitmaps = PostingsCache(self.term_offsets, self.post_items)

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
        # Making a bitmap from an array costs ~45 ns per item (18 ms for 400,000): the
        # common words' bitmaps are kept, not converted again by every query on them.
        self.bitmaps = PostingsCache(self.term_offsets, self.post_items)

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
        return self.bitmaps.if_common(term)

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
