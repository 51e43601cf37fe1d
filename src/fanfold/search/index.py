"""The works filter index: numpy columns and CSR postings, with compressed bitmaps on top.

Each posted work is a document numbered densely from 0. A changed work gets a new number
and its old number is dropped from the live bitmaps, so columns only ever grow; a rebuild
(`fanfold reindex`, or a restart) compacts them. The arrays of a build ("base") can be
mapped from a snapshot file shared by every process (search.snapshot); what changed since
lives in small per-process arrays appended after them. Measured choice: docs/decisions.md.
"""

import datetime
import heapq
import re
from array import array
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import numpy as np
from pyroaring import BitMap

from fanfold.search.criteria import FACET_TYPES, TEXT_SORTS, Audience, Criteria, SearchResult
from fanfold.search.fields import INDEXED_NUMBERS, microseconds
from fanfold.search.textindex import (
    NumberOfId,
    PackedStrings,
    PostingsCache,
    bitmap_of,
    csr_gather,
)
from fanfold.search.textsearch import TagName, TextSearch

# Tags on at least this many works keep a ready bitmap; rarer ones are cut from a sorted
# array on demand. Most of the memory of one bitmap per tag is Python object overhead.
BITMAP_THRESHOLD = 256
FACETS_PER_TYPE = 10
# Results holding at least this share of the base count facets tag by tag, most used first,
# unless the visits cost more than gathering the matches' tags would (up to this share of
# all the base's tags): then they gather. A visit is one bitmap intersection count, about
# as long as gathering 1,200 tags (measured: 16 us against 13 ns a tag at 1 M works).
BROAD_SHARE = 1 / 10
BROAD_BUDGET_SHARE = 0.5
VISIT_COST = 1200
_LEADING_ARTICLE = re.compile(r"^(the|a|an)\s+", re.IGNORECASE)


def title_sort_key(title: str) -> str:
    """AO3's title_to_sort_on: lower case, without a leading article."""
    return _LEADING_ARTICLE.sub("", title.strip().lower())


@dataclass
class WorkRow:
    """One posted work as the index stores it (read from the database by index_source)."""

    work_id: int
    status: int  # PUBLIC, RESTRICTED or HIDDEN
    numbers: dict[str, int]  # one value per search.fields.INDEXED_NUMBERS, by name
    language: str
    title: str
    creators: str  # display names, "" for anonymous works
    tag_ids: list[int]
    summary: str = ""  # plain text
    notes: str = ""  # beginning and end notes, plain text
    series: str = ""  # titles of the series the work is in
    creator_names: str = ""  # pseud names and user names, "" when anonymous or unrevealed


PUBLIC, RESTRICTED, HIDDEN = 0, 1, 2


class Column:
    """The base values (built, or mapped from a snapshot and never written) and the values
    appended since, in an array that grows by doubling: appending never copies the base."""

    def __init__(self, dtype, base=()) -> None:
        self.base = np.asarray(base, dtype=dtype)
        self.added = np.zeros(0, dtype=dtype)
        self.added_count = 0

    @property
    def size(self) -> int:
        return len(self.base) + self.added_count

    def append(self, value) -> None:
        if self.added_count == len(self.added):
            grown = np.zeros(max(16, 2 * len(self.added)), dtype=self.added.dtype)
            grown[: self.added_count] = self.added[: self.added_count]
            self.added = grown
        self.added[self.added_count] = value
        self.added_count += 1

    def freeze(self) -> None:
        """Makes everything appended part of the base (after a build)."""
        self.base, self.added, self.added_count = self.values(), self.added[:0], 0

    def values(self) -> np.ndarray:
        if not self.added_count:
            return self.base
        return np.concatenate([self.base, self.added[: self.added_count]])

    def __getitem__(self, docs):
        if not self.added_count:
            return self.base[docs]
        if isinstance(docs, (int, np.integer)):
            return self.base[docs] if docs < len(self.base) else self.added[docs - len(self.base)]
        docs = np.asarray(docs)
        in_base = docs < len(self.base)
        found = np.empty(docs.shape, dtype=self.base.dtype)
        found[in_base] = self.base[docs[in_base]]
        found[~in_base] = self.added[docs[~in_base] - len(self.base)]
        return found


class TextColumn:
    """Strings per document: the base packed in one byte array (mapped from a snapshot: no
    Python object per work), those appended since in a list."""

    def __init__(self, base: Iterable[str] = ()) -> None:
        self.base = base if isinstance(base, PackedStrings) else PackedStrings.of(base)
        self.added: list[str] = []

    def append(self, value: str) -> None:
        self.added.append(value)

    def freeze(self) -> None:
        if self.added:
            self.base, self.added = PackedStrings.of([*self.base, *self.added]), []

    def __getitem__(self, doc) -> str:
        base = len(self.base)
        return self.base[doc] if doc < base else self.added[doc - base]


NUMERIC = {
    "work_id": np.int64,
    **{number.name: number.dtype for number in INDEXED_NUMBERS},
    "language": np.int16,
}
STATUS_OF_DEAD = 3  # in a snapshot's status column: a document replaced or removed
SORT_KEYS = {number.sort: number.name for number in INDEXED_NUMBERS if number.sort}


class FilterIndex:
    def __init__(
        self,
        rows: Iterable[WorkRow],
        tag_types: dict[int, str],
        tag_names: Iterable[TagName] = (),
    ) -> None:
        self.languages: dict[str, int] = {}
        self.tag_dense = NumberOfId()  # tag id -> dense tag number
        self.tag_ids = Column(np.int64)
        self.tag_type_codes = Column(np.int8)  # FACET_TYPES index, -1 for other types
        for tag_id, tag_type in tag_types.items():
            self._dense_tag(tag_id, tag_type)
        self.columns = {name: Column(dtype) for name, dtype in NUMERIC.items()}
        self.titles = TextColumn()  # title sort keys
        self.creators = TextColumn()  # creator sort keys
        self.doc_of_work = NumberOfId()  # work id -> document
        self.alive = BitMap()
        self.by_status = {PUBLIC: BitMap(), RESTRICTED: BitMap(), HIDDEN: BitMap()}
        self.text = TextSearch(self)
        self._build(rows, tag_names)

    # --- building -------------------------------------------------------------------

    def _dense_tag(self, tag_id: int, tag_type: str) -> int:
        dense = self.tag_dense.get(tag_id)
        if dense is None:
            dense = self.tag_count
            self.tag_dense.set(tag_id, dense)
            self.tag_ids.append(tag_id)
            code = FACET_TYPES.index(tag_type) if tag_type in FACET_TYPES else -1
            self.tag_type_codes.append(code)
        return dense

    @property
    def tag_count(self) -> int:
        return self.tag_ids.size

    def _build(self, rows: Iterable[WorkRow], tag_names: Iterable[TagName]) -> None:
        """One pass over the rows (streamed from the database, never all held at once)."""
        offsets, values = array("q", [0]), array("i")
        dense = self.tag_dense.numbers

        def document_words():
            for row in rows:
                self._add_document(row)
                values.extend(dense[row.tag_ids].tolist())
                offsets.append(len(values))
                yield self.text.document_words(row)

        self.text.build(document_words(), tag_names)
        for column in [*self.columns.values(), self.tag_ids, self.tag_type_codes]:
            column.freeze()
        self.titles.freeze()
        self.creators.freeze()
        self.base_docs = len(offsets) - 1
        self.tag_offsets = np.frombuffer(offsets, dtype=np.int64).copy()
        self.tag_values = np.frombuffer(values, dtype=np.int32).copy()
        self.tag_lengths = np.diff(self.tag_offsets)
        # Inverted postings: for each dense tag, the sorted docs that carry it.
        owners = np.repeat(np.arange(self.base_docs, dtype=np.uint32), self.tag_lengths)
        order = np.argsort(self.tag_values, kind="stable")
        self.posting_docs = owners[order]
        counts = np.bincount(self.tag_values, minlength=self.tag_count)
        self.posting_offsets = np.zeros(len(counts) + 1, dtype=np.int64)
        np.cumsum(counts, out=self.posting_offsets[1:])
        # Per tag, over the whole base: broad facets count what is left out, and subtract.
        self.base_tag_counts = counts
        self.start_overlay()

    def start_overlay(self) -> None:
        """Empties what changed since the base (after a build, or mapping a snapshot)."""
        self.bitmaps = PostingsCache(self.posting_offsets, self.posting_docs)
        self.most_used: dict[int, np.ndarray] = {}  # facet type -> its tags, most used first
        self.delta_postings: dict[int, BitMap] = {}  # dense tag -> documents added since
        self.delta_tags: dict[int, np.ndarray] = {}  # document added since -> its dense tags

    def _base_postings(self, dense: int) -> np.ndarray:
        if dense + 1 >= len(self.posting_offsets):
            return self.posting_docs[:0]
        return self.posting_docs[self.posting_offsets[dense] : self.posting_offsets[dense + 1]]

    def _add_document(self, row: WorkRow) -> int:
        doc = self.columns["work_id"].size
        language = self.languages.setdefault(row.language, len(self.languages))
        values = {**row.numbers, "work_id": row.work_id, "language": language}
        for name, column in self.columns.items():
            column.append(values[name])
        self.titles.append(title_sort_key(row.title))
        self.creators.append(row.creators.lower())
        self.doc_of_work.set(row.work_id, doc)
        self.alive.add(doc)
        self.by_status[row.status].add(doc)
        return doc

    def _add_tags(self, doc: int, tag_ids: list[int]) -> None:
        dense_tags = self.tag_dense.numbers[np.array(tag_ids, dtype=np.int64)].astype(np.int32)
        self.delta_tags[doc] = dense_tags
        for dense in dense_tags.tolist():
            self.delta_postings.setdefault(dense, BitMap()).add(doc)

    # --- keeping current --------------------------------------------------------------

    def remove_work(self, work_id: int) -> None:
        doc = self.doc_of_work.pop(work_id)
        if doc is None:
            return
        self.alive.discard(doc)
        for bitmap in self.by_status.values():
            bitmap.discard(doc)

    def upsert(self, row: WorkRow, tag_types: dict[int, str]) -> None:
        """Replaces a work's document with a fresh one (or adds a new work)."""
        self.remove_work(row.work_id)
        for tag_id in row.tag_ids:
            self._dense_tag(tag_id, tag_types[tag_id])
        doc = self._add_document(row)
        self._add_tags(doc, row.tag_ids)
        self.text.add_document(doc, row)

    @property
    def size(self) -> int:
        return len(self.alive)

    # --- answering --------------------------------------------------------------------

    def postings(self, tag_id: int) -> BitMap:
        dense = self.tag_dense.get(tag_id)
        if dense is None:
            return BitMap()
        return self._dense_postings(dense)

    def _dense_postings(self, dense: int) -> BitMap:
        found = self.bitmaps.if_common(dense)
        if found is None:
            found = bitmap_of(self._base_postings(dense))
        delta = self.delta_postings.get(dense)
        return found | delta if delta else found

    def docs_under(self, dense_tags: list[int]) -> BitMap:
        """Documents carrying any of these (dense) tags."""
        found = BitMap.union(BitMap(), *(self.bitmaps[t] for t in dense_tags if t in self.bitmaps))
        rare = np.array([t for t in dense_tags if t not in self.bitmaps], dtype=np.int64)
        rare = rare[rare + 1 < len(self.posting_offsets)]
        found |= bitmap_of(csr_gather(self.posting_offsets, self.posting_docs, rare))
        for tag in dense_tags:
            if tag in self.delta_postings:
                found |= self.delta_postings[tag]
        return found

    def tag_counts(self, tag_ids: list[int], audience: Audience) -> dict[int, int]:
        """How many works the audience may see under each tag (for tag pages and indexes)."""
        allowed = self._allowed(audience)
        return {
            tag_id: allowed.intersection_cardinality(self.postings(tag_id)) for tag_id in tag_ids
        }

    def matching_work_ids(self, criteria: Criteria, audience: Audience) -> np.ndarray:
        """Every work the criteria match for the audience, in no particular order."""
        return self.columns["work_id"][self._matching_docs(criteria, audience)]

    def visible_counts(self, works_of: dict[int, list[int]], audience: Audience) -> dict[int, int]:
        """For each key (a pseud, a user...), how many of its works the audience may see."""
        allowed = self._allowed(audience)
        counts = {}
        for key, work_ids in works_of.items():
            docs = (self.doc_of_work.get(work_id) for work_id in work_ids)
            counts[key] = allowed.intersection_cardinality(BitMap(d for d in docs if d is not None))
        return counts

    def _allowed(self, audience: Audience) -> BitMap:
        allowed = BitMap(self.by_status[PUBLIC])
        if audience.signed_in:
            allowed |= self.by_status[RESTRICTED]
        if audience.admin:
            allowed |= self.by_status[HIDDEN]
        elif audience.own_work_ids:
            docs = (self.doc_of_work.get(w) for w in audience.own_work_ids)
            own = BitMap(doc for doc in docs if doc is not None)
            allowed |= own & self.by_status[HIDDEN]
        return allowed

    def _matching_docs(self, criteria: Criteria, audience: Audience) -> np.ndarray:
        return self._matching(criteria, audience)[0]

    def _matching(self, criteria: Criteria, audience: Audience) -> tuple[np.ndarray, BitMap | None]:
        """The matching documents, sorted, and the same as a bitmap when no column condition
        left any out (None otherwise: broad facets make it only when they need it)."""
        if criteria.matches_nothing:
            return np.zeros(0, dtype=np.uint32), BitMap()
        matches = self._allowed(audience)
        if criteria.within_work_ids is not None:
            within = (self.doc_of_work.get(w) for w in criteria.within_work_ids)
            matches &= BitMap(doc for doc in within if doc is not None)
        if criteria.exclude_work_ids:
            gone = (self.doc_of_work.get(w) for w in criteria.exclude_work_ids)
            matches -= BitMap(doc for doc in gone if doc is not None)
        if criteria.text is not None:
            matches &= self.text.matches(criteria.text)
        for bitmap in sorted((self.postings(t) for t in criteria.include_tag_ids), key=len):
            matches &= bitmap
        if criteria.rating_ids:
            matches &= BitMap.union(*(self.postings(t) for t in criteria.rating_ids))
        for tag_id in criteria.exclude_tag_ids:
            matches -= self.postings(tag_id)
        docs = np.asarray(matches.to_array(), dtype=np.uint32)
        kept = self._column_mask(criteria, docs)
        if kept.all():
            return docs, matches
        return docs[kept], None

    def _column_mask(self, criteria: Criteria, docs: np.ndarray) -> np.ndarray:
        mask = np.ones(len(docs), dtype=bool)
        column = self.columns
        for number in INDEXED_NUMBERS:
            values = column[number.name]
            if number.equals and (wanted := getattr(criteria, number.equals)) is not None:
                mask &= values[docs] == wanted
            if number.at_least and (least := getattr(criteria, number.at_least)) is not None:
                mask &= values[docs] >= least
            if number.at_most and (most := getattr(criteria, number.at_most)) is not None:
                mask &= values[docs] <= most
        if criteria.single_chapter:
            mask &= column["chapters"][docs] == 1
        if criteria.date_from is not None:
            mask &= column["revised"][docs] >= _epoch(criteria.date_from)
        if criteria.date_to is not None:
            mask &= column["revised"][docs] < _epoch(criteria.date_to + datetime.timedelta(days=1))
        if criteria.language is not None:
            code = self.languages.get(criteria.language, -1)
            mask &= column["language"][docs] == code
        return mask

    def search(
        self, criteria: Criteria, audience: Audience, offset: int, limit: int, facets: bool = True
    ) -> SearchResult:
        docs, bitmap = self._matching(criteria, audience)
        page = self._sorted_page(docs, criteria, offset, limit)
        work_ids = self.columns["work_id"][page].tolist()
        return SearchResult(
            work_ids=work_ids,
            total=len(docs),
            facets=self._facets(docs, bitmap) if facets else {},
        )

    def _sorted_page(self, docs: np.ndarray, criteria: Criteria, offset: int, limit: int):
        """The docs of one page, ordered by the sort key, then by work id the same way."""
        end = min(offset + limit, len(docs))
        if offset >= end:
            return docs[:0]
        if criteria.sort in TEXT_SORTS:
            ids = self.columns["work_id"][docs]
            keys = self.titles if criteria.sort == "title_to_sort_on" else self.creators
            by_text = sorted(
                range(len(docs)),
                key=lambda i: (keys[docs[i]], ids[i]),
                reverse=criteria.descending,
            )
            return docs[np.array(by_text[offset:end], dtype=np.int64)]
        if criteria.sort == "_score":
            key = self._relevance(criteria, docs)
        else:
            key = self._sort_values(criteria.sort, docs)
        if criteria.descending:
            key = -key
        few = end < len(docs) // 4
        candidates = _first_candidates(key, end) if few else np.arange(len(docs))
        ids = self.columns["work_id"][docs[candidates]]
        if criteria.descending:
            ids = -ids
        order = candidates[np.lexsort((ids, key[candidates]))]
        return docs[order[offset:end]]

    def _relevance(self, criteria: Criteria, docs: np.ndarray) -> np.ndarray:
        """BM25 scores, rounded so that equal scores tie exactly and the id decides."""
        if criteria.text is None:
            return np.zeros(len(docs))
        scores = self.text.scores(criteria.text, docs)
        return np.round(scores, 9, out=scores)

    def _sort_values(self, sort: str, docs: np.ndarray) -> np.ndarray:
        column = self.columns
        if sort == "kudos_hits_ratio":
            hits = np.maximum(column["hits"][docs], 1).astype(np.float64)
            return column["kudos"][docs] / hits
        if sort == "words_per_chapter":
            chapters = np.maximum(column["chapters"][docs], 1).astype(np.float64)
            return column["words"][docs] / chapters
        return column[SORT_KEYS[sort]][docs].astype(np.int64)

    def _facets(self, docs: np.ndarray, bitmap: BitMap | None) -> dict[str, list[tuple[int, int]]]:
        if len(docs) > self.base_docs * BROAD_SHARE:
            found = self._facets_most_used_first(
                docs, bitmap_of(docs) if bitmap is None else bitmap
            )
            if found is not None:
                return found
        dense, counts = self._tag_counts(docs)
        return self._top_per_type(dense, counts)

    def _facets_most_used_first(self, docs: np.ndarray, matches: BitMap) -> dict | None:
        """The top tags per type of a broad result without gathering every match's tags.
        Tags are visited most used (over the whole base) first and counted exactly, each by
        one intersection of bitmaps (in C, a popcount per 64 documents where both are
        dense); a type is done once the next tag's use cannot reach the tenth count. None
        once the visits cost more than gathering the matches' tags would (matches spread
        over rarely used tags, as within a small fandom): gathering is then cheaper."""
        added = self._added_tags(docs)
        share = min(len(docs) / max(self.base_docs, 1), BROAD_BUDGET_SHARE)
        budget = len(self.tag_values) * share
        facets = {}
        for code, tag_type in enumerate(FACET_TYPES):
            counted: dict[int, int] = {}
            tenth: list[int] = []  # a heap of the ten highest counts so far
            # Tags on documents added since the base first: their order of use is unknown.
            for dense in [dense for dense in added if self.tag_type_codes[dense] == code]:
                self._count_into(counted, tenth, dense, matches)
                budget -= VISIT_COST
            for dense in _in_chunks(self._most_used(code)):
                if len(tenth) == FACETS_PER_TYPE and self._base_count(dense) < tenth[0]:
                    break  # most used first: no tag after this one can reach the top ten
                if dense not in counted:
                    self._count_into(counted, tenth, dense, matches)
                    budget -= VISIT_COST
                if budget < 0:
                    return None
            facets[tag_type] = self._top_of(counted)
        return facets

    def _count_into(self, counted: dict, tenth: list, dense: int, matches: BitMap) -> None:
        """Counts a tag's matches into `counted` and the heap of the ten highest."""
        count = matches.intersection_cardinality(self._dense_postings(dense))
        if count:
            counted[dense] = count
            heapq.heappush(tenth, count)
            if len(tenth) > FACETS_PER_TYPE:
                heapq.heappop(tenth)

    def _top_of(self, counted: dict[int, int]) -> list[tuple[int, int]]:
        ranked = sorted((-count, int(self.tag_ids[dense])) for dense, count in counted.items())
        return [(tag_id, -negated) for negated, tag_id in ranked[:FACETS_PER_TYPE]]

    def _added_tags(self, docs: np.ndarray) -> list[int]:
        """The dense tags of the documents added since the base, among these."""
        added = [self.delta_tags[doc] for doc in docs[docs >= self.base_docs].tolist()]
        return np.unique(np.concatenate(added)).tolist() if added else []

    def _base_count(self, dense: int) -> int:
        return int(self.base_tag_counts[dense]) if dense < len(self.base_tag_counts) else 0

    def _most_used(self, code: int) -> np.ndarray:
        """The base's dense tags of a facet type, most used first (worked out once)."""
        found = self.most_used.get(code)
        if found is None:
            counts = self.base_tag_counts
            of_type = np.flatnonzero(self.tag_type_codes[np.arange(len(counts))] == code)
            found = self.most_used[code] = of_type[np.argsort(-counts[of_type], kind="stable")]
        return found

    def _top_per_type(self, dense: np.ndarray, counts: np.ndarray) -> dict:
        codes = self.tag_type_codes[dense]
        tag_ids = self.tag_ids[dense]
        facets = {}
        for code, tag_type in enumerate(FACET_TYPES):
            of_type = np.flatnonzero(codes == code)
            if len(of_type) > 4 * FACETS_PER_TYPE:
                # Only tags counted at least as often as the 10th can be in the top 10 (ties
                # at that count are all kept, so the order stays exact); sort just those.
                tenth = np.partition(counts[of_type], -FACETS_PER_TYPE)[-FACETS_PER_TYPE]
                of_type = of_type[counts[of_type] >= tenth]
            top = of_type[np.lexsort((tag_ids[of_type], -counts[of_type]))][:FACETS_PER_TYPE]
            facets[tag_type] = [(int(tag_ids[i]), int(counts[i])) for i in top]
        return facets

    def _tag_counts(self, docs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The dense tags the documents carry, and on how many of them each."""
        base = docs[docs < self.base_docs]
        added = [self.delta_tags[doc] for doc in docs[docs >= self.base_docs].tolist()]
        if len(base) * 2 > self.base_docs:
            # Most of the base matches: count the tags of the documents left out, subtract.
            left_out = np.ones(self.base_docs, dtype=bool)
            left_out[base] = False
            tags = self._base_tags(np.flatnonzero(left_out))
            counts = np.zeros(self.tag_count, dtype=np.int64)
            counts[: len(self.base_tag_counts)] = self.base_tag_counts
            counts -= np.bincount(tags, minlength=self.tag_count)
            counts += np.bincount(np.concatenate([tags[:0], *added]), minlength=self.tag_count)
        else:
            tags = np.concatenate([self._base_tags(base), *added])
            if len(tags) < self.tag_count // 4:
                return np.unique(tags, return_counts=True)  # few matches: sort them
            counts = np.bincount(tags, minlength=self.tag_count)  # many: count all tags
        dense = np.flatnonzero(counts)
        return dense, counts[dense]

    def _base_tags(self, docs: np.ndarray) -> np.ndarray:
        """The dense tags of base documents, gathered from the CSR arrays without a loop."""
        if len(docs) * 4 > self.base_docs:
            # Broad result: one pass over all tags with a per-document mask is faster than
            # building gather indexes (CPU ms at 1 M works, mask against gather: 68 / 76 at
            # half of them, 46 / 53 at 30 %, 52 / 39 at a fifth).
            matched = np.zeros(self.base_docs, dtype=bool)
            matched[docs] = True
            return self.tag_values[np.repeat(matched, self.tag_lengths)]
        return csr_gather(self.tag_offsets, self.tag_values, docs.astype(np.int64))


def _in_chunks(values: np.ndarray, size: int = 256) -> Iterator[int]:
    """The values as ints, converted a few at a time: a loop that stops early over the
    300,000 freeforms of a million works would otherwise convert them all."""
    for start in range(0, len(values), size):
        yield from values[start : start + size].tolist()


def _first_candidates(key: np.ndarray, count: int) -> np.ndarray:
    """Positions of the `count` smallest keys and of every key tied with the last of them.
    The `count`-th smallest of an evenly spaced sample bounds the true one from above, so a
    comparison pass keeps a pool of about sqrt(len * count) keys that surely holds them all;
    only the pool is partitioned, not every match."""
    pool = np.arange(len(key))
    step = len(key) // max(int(np.sqrt(len(key) * count)), count)
    if step > 1:
        bound = np.partition(key[::step], count - 1)[count - 1]
        pool = np.flatnonzero(key <= bound)
    near = key[pool]
    threshold = np.partition(near, count - 1)[count - 1]
    return pool[near <= threshold]  # every tie at the edge: the ids order them


def _epoch(day: datetime.date) -> int:
    return microseconds(datetime.datetime(day.year, day.month, day.day, tzinfo=datetime.UTC))
