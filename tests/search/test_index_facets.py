"""Facet counts of the index against a brute-force count, with many tags and many ties."""

import random
from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from fanfold.search.criteria import Audience, Criteria
from fanfold.search.index import PUBLIC, FilterIndex, WorkRow


def row(work_id: int, tag_ids: list[int]) -> WorkRow:
    return WorkRow(
        work_id=work_id, status=PUBLIC, language="en", title=f"t{work_id}", creators="",
        tag_ids=tag_ids, numbers={"kudos": 0, "hits": 0, "comments": 0, "bookmarks": 0,
        "words": 1, "chapters": 1, "expected": 1, "revised": work_id, "published": 1,
        "updated": 1, "complete": True, "crossover": False},
    )  # fmt: skip


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 10_000), st.integers(20, 400))
def test_top_ten_per_type_is_exact_with_many_tags_and_ties(seed, works):
    rng = random.Random(seed)
    types = {tag: "Freeform" for tag in range(1, 301)} | {tag: "Fandom" for tag in range(301, 321)}
    rows = [row(n, rng.sample(range(1, 321), k=rng.randint(1, 12))) for n in range(1, works + 1)]
    index = FilterIndex(rows, types)
    facets = index.search(Criteria(), Audience(), 0, 1).facets
    counts = Counter(tag for r in rows for tag in r.tag_ids)
    for tag_type in ("Freeform", "Fandom"):
        expected = sorted(((-n, tag) for tag, n in counts.items() if types[tag] == tag_type))[:10]
        assert facets[tag_type] == [(tag, -n) for n, tag in expected]
