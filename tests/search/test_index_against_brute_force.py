"""The filter index against a brute-force search written here in plain Python.

Unlike the SQL comparison, this oracle shares nothing with the index (no tokeniser, no sort
keys, no visibility rule), and it drives what a corpus in the database cannot cheaply: works
changed and removed after the index was built, tags common enough to keep a ready bitmap,
more than forty tags of a type in one facet, work ids past the first thousand.
"""

import datetime
import random
from collections import Counter
from dataclasses import dataclass, replace

from hypothesis import given, settings
from hypothesis import strategies as st

from fanfold.search.criteria import Audience, Criteria
from fanfold.search.index import FilterIndex, WorkRow
from fanfold.search.query import parse_query

EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)
WORDS = ["red", "quiet", "harbour", "lamp", "ledger", "tide", "story"]
NAMES = ["Wren", "Pim", "Ash Tree", "wren", ""]
LANGUAGES = ["en", "fr", "ja"]
TAG_TYPES = (
    {tag: "Rating" for tag in range(1, 5)}
    | {tag: "Fandom" for tag in range(5, 12)}
    | {tag: "Freeform" for tag in range(12, 80)}
    | {tag: "Media" for tag in range(80, 83)}  # not a facet type
)
COMMON_TAG = 12  # on nearly every work: the index keeps a ready bitmap for it
LATE_TAGS = {tag: "Character" for tag in range(90, 96)}  # first seen in an update
PUBLIC, RESTRICTED, HIDDEN = 0, 1, 2
FACET_TYPES = (
    "Rating",
    "ArchiveWarning",
    "Category",
    "Fandom",
    "Relationship",
    "Character",
    "Freeform",
)


@dataclass(frozen=True)
class Work:
    """One work as the oracle knows it: its row, and its revision time as a datetime."""

    row: WorkRow
    revised_at: datetime.datetime


def make_work(rng: random.Random, work_id: int, tags: list[int]) -> Work:
    revised_at = datetime.datetime(2024, 3, 1, tzinfo=datetime.UTC) + datetime.timedelta(
        hours=rng.randint(0, 24 * 6), microseconds=rng.choice([0, 1, 999_999])
    )
    article = rng.choice(["", "", "The ", "a ", "An ", "then "])
    row = WorkRow(
        work_id=work_id,
        status=rng.choice([PUBLIC, PUBLIC, PUBLIC, RESTRICTED, HIDDEN]),
        numbers={
            "kudos": rng.randint(0, 4),
            "hits": rng.randint(0, 6),
            "comments": rng.randint(0, 3),
            "bookmarks": rng.randint(0, 3),
            "words": rng.randint(0, 40),
            "chapters": rng.randint(1, 3),
            "expected": rng.randint(0, 3),
            "revised": (revised_at - EPOCH) // datetime.timedelta(microseconds=1),
            "published": 730_000 + rng.randint(0, 5),
            "updated": 730_000 + rng.randint(0, 5),
            "complete": rng.random() < 0.5,
            "crossover": rng.random() < 0.3,
        },
        language=rng.choice(LANGUAGES),
        title=article + " ".join(rng.sample(WORDS, rng.randint(1, 2))),
        creators=rng.choice(NAMES),
        tag_ids=tags,
    )
    return Work(row, revised_at)


def random_tags(rng: random.Random, pool: list[int]) -> list[int]:
    tags = [rng.randint(1, 4), *rng.sample(pool, rng.randint(0, 6))]
    if rng.random() < 0.95:
        tags.append(COMMON_TAG)
    return list(dict.fromkeys(tags))


def words_of(text: str) -> set[str]:
    return set(text.lower().split())


def title_key(title: str) -> str:
    first, _, rest = title.strip().lower().partition(" ")
    return rest.strip() if first in {"the", "a", "an"} and rest else title.strip().lower()


SORTS = [
    "revised_at", "_score", "created_at", "last_chapter_at", "word_count", "hits", "kudos_count",
    "comments_count", "bookmarks_count", "kudos_hits_ratio", "words_per_chapter",
    "title_to_sort_on", "authors_to_sort_on",
]  # fmt: skip


def oracle_key(sort: str, row: WorkRow):
    n = row.numbers
    keys = {
        "revised_at": lambda: n["revised"],
        "_score": lambda: 0,  # no text to score: every work ties and the id decides
        "created_at": lambda: n["published"],
        "last_chapter_at": lambda: n["updated"],
        "word_count": lambda: n["words"],
        "hits": lambda: n["hits"],
        "kudos_count": lambda: n["kudos"],
        "comments_count": lambda: n["comments"],
        "bookmarks_count": lambda: n["bookmarks"],
        "kudos_hits_ratio": lambda: n["kudos"] / max(n["hits"], 1),
        "words_per_chapter": lambda: n["words"] / max(n["chapters"], 1),
        "title_to_sort_on": lambda: title_key(row.title),
        "authors_to_sort_on": lambda: row.creators.lower(),
    }
    return keys[sort]()


def may_see(row: WorkRow, audience: Audience) -> bool:
    if row.status == PUBLIC:
        return True
    if row.status == RESTRICTED:
        return audience.signed_in
    return audience.admin or row.work_id in audience.own_work_ids


def title_terms(c: Criteria) -> list[str]:
    """The words of the one `title:word` query these criteria may carry."""
    return [c.text.text] if c.text is not None else []


def matches(work: Work, c: Criteria, audience: Audience) -> bool:
    row, day = work.row, work.revised_at.date()
    n = row.numbers
    tags = set(row.tag_ids)
    return (
        not c.matches_nothing
        and may_see(row, audience)
        and (c.within_work_ids is None or row.work_id in c.within_work_ids)
        and row.work_id not in c.exclude_work_ids
        and all(term in words_of(row.title) for term in title_terms(c))
        and c.include_tag_ids <= tags
        and (not c.rating_ids or bool(c.rating_ids & tags))
        and not c.exclude_tag_ids & tags
        and (c.complete is None or n["complete"] == c.complete)
        and (c.crossover is None or n["crossover"] == c.crossover)
        and (not c.single_chapter or n["chapters"] == 1)
        and (c.words_from is None or n["words"] >= c.words_from)
        and (c.words_to is None or n["words"] <= c.words_to)
        and (c.date_from is None or day >= c.date_from)
        and (c.date_to is None or day <= c.date_to)
        and (c.language is None or row.language == c.language)
    )


def brute_force(works: dict[int, Work], tag_types: dict, c: Criteria, audience, offset, limit):
    found = [w.row for w in works.values() if matches(w, c, audience)]
    found.sort(key=lambda r: (oracle_key(c.sort, r), r.work_id), reverse=c.descending)
    counts = Counter(tag for row in found for tag in row.tag_ids)
    facets = {tag_type: top_ten(counts, tag_types, tag_type) for tag_type in FACET_TYPES}
    return [r.work_id for r in found[offset : offset + limit]], len(found), facets


def top_ten(counts: Counter, tag_types: dict, tag_type: str) -> list[tuple[int, int]]:
    ranked = sorted((-n, tag) for tag, n in counts.items() if tag_types[tag] == tag_type)
    return [(tag, -n) for n, tag in ranked[:10]]


def random_criteria(rng: random.Random, work_ids: list[int]) -> Criteria:
    def sometimes(value, default=None):
        return value if rng.random() < 0.3 else default

    day = datetime.date(2024, 3, 1) + datetime.timedelta(days=rng.randint(0, 6))
    sort = rng.choice(SORTS)
    # Best match with a query is BM25, which this oracle does not model; tests/search compares it.
    word = "title:" + rng.choice([*WORDS, "wren", "tree", "absent"])
    text = None if sort == "_score" else sometimes(parse_query(word))
    return Criteria(
        include_tag_ids=sometimes(
            frozenset(rng.sample(range(5, 83), rng.randint(1, 2))), frozenset()
        ),
        rating_ids=sometimes(frozenset(rng.sample(range(1, 5), rng.randint(1, 3))), frozenset()),
        exclude_tag_ids=sometimes(
            frozenset(rng.sample(range(1, 96), rng.randint(1, 3))), frozenset()
        ),
        complete=sometimes(rng.random() < 0.5),
        crossover=sometimes(rng.random() < 0.5),
        single_chapter=rng.random() < 0.2,
        words_from=sometimes(rng.randint(0, 40)),
        words_to=sometimes(rng.randint(0, 40)),
        date_from=sometimes(day),
        date_to=sometimes(day + datetime.timedelta(days=rng.randint(0, 2))),
        language=sometimes(rng.choice([*LANGUAGES, "de"])),
        text=text,
        within_work_ids=sometimes(frozenset(rng.sample(work_ids, len(work_ids) // 2))),
        exclude_work_ids=sometimes(frozenset(rng.sample(work_ids, 5)), frozenset()),
        sort=sort,
        descending=rng.random() < 0.5,
        matches_nothing=rng.random() < 0.03,
    )


def random_audience(rng: random.Random, works: dict[int, Work]) -> Audience:
    hidden = [w for w, work in works.items() if work.row.status == HIDDEN]
    return rng.choice(
        [
            Audience(),
            Audience(signed_in=True),
            Audience(signed_in=True, admin=True),
            Audience(signed_in=True, own_work_ids=frozenset(hidden[:3]) | {999_999}),
        ]
    )


def corpus(rng: random.Random) -> dict[int, Work]:
    count = rng.randint(260, 340)  # enough for COMMON_TAG to pass the bitmap threshold
    ids = rng.sample(range(1, 3000), count)  # ids past 1024 grow the id -> document table
    return {i: make_work(rng, i, random_tags(rng, list(range(5, 83)))) for i in ids}


def change(rng: random.Random, works: dict[int, Work], index: FilterIndex) -> None:
    """Edits, new works (with tags the index has never seen) and removals, as the poller does."""
    for _ in range(rng.randint(1, 40)):
        action = rng.random()
        if action < 0.2 and works:
            gone = rng.choice(sorted(works))
            del works[gone]
            index.remove_work(gone)
            continue
        work_id = rng.choice(sorted(works)) if action < 0.7 else rng.randint(3000, 5000)
        tags = random_tags(rng, list(range(5, 83)) + list(LATE_TAGS))
        works[work_id] = make_work(rng, work_id, tags)
        index.upsert(works[work_id].row, TAG_TYPES | LATE_TAGS)
    index.remove_work(123_456)  # a work the index never held


def check(index, works, rng, tag_types, pages=((0, 20), (0, 5), (40, 20), (5000, 20))):
    for _ in range(12):
        criteria = random_criteria(rng, sorted(works))
        audience = random_audience(rng, works)
        for offset, limit in pages:
            expected = brute_force(works, tag_types, criteria, audience, offset, limit)
            result = index.search(criteria, audience, offset, limit)
            assert (result.work_ids, result.total, result.facets) == expected, criteria


@settings(max_examples=15, deadline=None)
@given(st.integers(0, 2**32))
def test_a_freshly_built_index_answers_like_brute_force(seed):
    rng = random.Random(seed)
    works = corpus(rng)
    index = FilterIndex((w.row for w in works.values()), TAG_TYPES)
    check(index, works, rng, TAG_TYPES)
    assert index.size == len(works)


@settings(max_examples=15, deadline=None)
@given(st.integers(0, 2**32))
def test_an_index_kept_current_by_updates_answers_like_brute_force(seed):
    rng = random.Random(seed)
    works = corpus(rng)
    index = FilterIndex((w.row for w in works.values()), TAG_TYPES)
    change(rng, works, index)
    check(index, works, rng, TAG_TYPES | LATE_TAGS)
    assert index.size == len(works)


def test_an_index_built_empty_learns_every_work_through_updates():
    rng = random.Random(7)
    works = corpus(rng)
    index = FilterIndex([], {})
    for work in works.values():
        index.upsert(work.row, TAG_TYPES)
    check(index, works, rng, TAG_TYPES)


def test_tag_counts_are_per_audience():
    rows = {
        1: make_work(random.Random(1), 1, [5, COMMON_TAG]),
        2: make_work(random.Random(2), 2, [5]),
        3: make_work(random.Random(3), 3, [6]),
    }
    rows[1] = replace(rows[1], row=replace(rows[1].row, status=PUBLIC))
    rows[2] = replace(rows[2], row=replace(rows[2].row, status=RESTRICTED))
    rows[3] = replace(rows[3], row=replace(rows[3].row, status=HIDDEN))
    index = FilterIndex((w.row for w in rows.values()), TAG_TYPES)
    assert index.tag_counts([5, 6, 404], Audience()) == {5: 1, 6: 0, 404: 0}
    assert index.tag_counts([5, 6], Audience(signed_in=True)) == {5: 2, 6: 0}
    assert index.tag_counts([5, 6], Audience(signed_in=True, own_work_ids=frozenset({3}))) == {
        5: 2,
        6: 1,
    }
    assert index.tag_counts([5, 6], Audience(signed_in=True, admin=True)) == {5: 2, 6: 1}
