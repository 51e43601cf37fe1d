"""Best match against a BM25 written out here, on corpora with common and rare words."""

import math
import random
from itertools import pairwise

import numpy as np
from hypothesis import example, given, settings
from hypothesis import strategies as st

from fanfold.search.criteria import Audience, Criteria
from fanfold.search.index import PUBLIC, FilterIndex, WorkRow
from fanfold.search.query import parse_query
from fanfold.search.textsearch import TagName, _values_at

# Word frequencies from very common to rare, so a query's matches are sometimes far fewer
# than a word's postings and sometimes nearly all of them.
WORDS = ["the", "and", "river", "lantern", "quiet", "harbour", "snow", "tea", "ember", "moss"]
WEIGHTS = [60, 40, 12, 8, 5, 4, 3, 2, 1, 1]
FIELD_BOOSTS = {"title": 7.0, "creator_names": 5.0, "summary": 1.0, "notes": 1.0, "series": 1.0}
K1, B = 1.2, 0.75
TAG_NAMES = {1: "Quiet River", 2: "The Snow", 3: "Moss", 4: "Other Tag"}


def draw_row(rng: random.Random, work_id: int) -> WorkRow:
    def text(most: int) -> str:
        return " ".join(rng.choices(WORDS, WEIGHTS, k=rng.randint(0, most)))

    return WorkRow(
        work_id=work_id, status=PUBLIC, language="en", title=text(4), creators="",
        creator_names=text(2), summary=text(30), notes=text(6), series=text(3),
        tag_ids=rng.sample(sorted(TAG_NAMES), k=rng.randint(0, 2)),
        numbers={"kudos": 0, "hits": 0, "comments": 0, "bookmarks": 0, "words": 1,
        "chapters": 1, "expected": 1, "revised": work_id, "published": 1, "updated": 1,
        "complete": True, "crossover": False},
    )  # fmt: skip


def idf(documents: int, frequency: int) -> float:
    return math.log(1 + (documents - frequency + 0.5) / (frequency + 0.5))


def bm25(rows: list[WorkRow], words: list[str]) -> dict[int, float]:
    """Per work id: per word, BM25 over each field with its boost, plus the word's idf over
    the works whose tag names hold it."""
    fields = {f: [getattr(r, f).split() for r in rows] for f in FIELD_BOOSTS}
    average = {f: max(sum(map(len, texts)) / len(rows), 1.0) for f, texts in fields.items()}
    scores = dict.fromkeys((r.work_id for r in rows), 0.0)
    for word in words:
        holders = [i for i in range(len(rows)) if any(word in fields[f][i] for f in fields)]
        tagged = [
            r.work_id for r in rows if any(word in TAG_NAMES[t].lower().split() for t in r.tag_ids)
        ]
        for i in holders:
            impact = 0.0
            for f, texts in fields.items():
                tf = texts[i].count(word)
                norm = 1 - B + B * len(texts[i]) / average[f]
                impact += FIELD_BOOSTS[f] * tf * (K1 + 1) / (tf + K1 * norm)
            scores[rows[i].work_id] += impact * idf(len(rows), len(holders))
        for work_id in tagged:
            scores[work_id] += idf(len(rows), len(tagged))
    return scores


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 10_000), st.integers(5, 300), st.lists(st.sampled_from(WORDS), min_size=1, max_size=3, unique=True), st.booleans())  # fmt: skip
def test_best_match_scores_and_orders_works_as_bm25_does(seed, works, words, either):
    rng = random.Random(seed)
    rows = [draw_row(rng, work_id) for work_id in range(1, works + 1)]
    names = [TagName(tag, name, "Freeform", tag) for tag, name in TAG_NAMES.items()]
    index = FilterIndex(rows, dict.fromkeys(TAG_NAMES, "Freeform"), names)
    query = parse_query(" OR ".join(words) if either else " ".join(words))
    criteria = Criteria(text=query, sort="_score")
    found = index.search(criteria, Audience(), 0, works, facets=False).work_ids
    expected = bm25(rows, words)
    scores = index.text.scores(query, index._matching_docs(criteria, Audience()))
    for work_id, score in zip(sorted(found), scores.tolist(), strict=True):
        assert math.isclose(score, expected[work_id], rel_tol=1e-6), work_id
    # Impacts are float32: works whose exact scores are this close may come in either order.
    ranked = [expected[work_id] for work_id in found]
    assert all(a >= b * (1 - 1e-6) for a, b in pairwise(ranked))
    first = index.search(criteria, Audience(), 0, 5, facets=False).work_ids
    assert first == found[:5]


@settings(max_examples=40, deadline=None)
@given(
    seed=st.integers(0, 2**32 - 1),
    matches=st.integers(0, 3_000),
    postings=st.integers(0, 3_000),
)
@example(seed=1, matches=2_000, postings=1_500)  # many matches: the spread array
@example(seed=2, matches=1_100, postings=3_000)  # as many postings as matches, and more
@example(seed=3, matches=1_024, postings=4_096)  # four times as many: the binary search again
def test_a_words_values_are_read_at_the_matches_whichever_way_they_are_looked_up(
    seed, matches, postings
):
    # Scoring reads a word's value at each matching work: by binary search for few matches or
    # many more postings, through an array spread by work number otherwise. Both must give
    # each match its own value, and 0 to matches the word is not in.
    rng = np.random.default_rng(seed)
    docs = np.sort(rng.choice(10_000, matches, replace=False)).astype(np.int64)
    keys = np.sort(rng.choice(10_000, postings, replace=False)).astype(np.int64)
    values = rng.random(postings, dtype=np.float32) + 1
    value_of = dict(zip(keys.tolist(), values.tolist(), strict=True))
    expected = [value_of.get(doc, 0.0) for doc in docs.tolist()]
    assert _values_at(docs, keys, values).tolist() == expected
