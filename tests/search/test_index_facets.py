"""Facet counts of the index against a brute-force count, with many tags and many ties."""

import random
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fanfold.search import index as index_module
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


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 10_000), st.integers(20, 400))
def test_broad_facets_are_exact_after_changes_whatever_order_tags_were_numbered_in(seed, works):
    # Broad results count tag by tag, most used first, and stop early: ties at the tenth
    # count, tags numbered out of id order and works changed since the build must not
    # change the answer. (At this size gathering is cheaper: the budget is lifted.)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(index_module, "VISIT_COST", 0)
        patch.setattr(index_module, "BROAD_BUDGET_SHARE", 1000)
        check_broad_facets(random.Random(seed), works)


def check_broad_facets(rng: random.Random, works: int) -> None:
    tag_ids = list(range(1, 321))
    rng.shuffle(tag_ids)
    types = {tag: "Freeform" if tag <= 300 else "Fandom" for tag in tag_ids}
    live = {n: row(n, rng.sample(range(1, 321), k=rng.randint(1, 12))) for n in range(1, works)}
    index = FilterIndex(list(live.values()), types)
    for work_id in rng.sample(sorted(live), k=len(live) // 5):
        live[work_id] = row(work_id, rng.sample(range(1, 331), k=rng.randint(1, 12)))
        index.upsert(live[work_id], types | {tag: "Freeform" for tag in range(321, 331)})
    for work_id in rng.sample(sorted(live), k=len(live) // 10):
        index.remove_work(work_id)
        del live[work_id]
    fandom = rng.randint(301, 320)
    for criteria, rows in [
        (Criteria(), list(live.values())),
        (
            Criteria(exclude_tag_ids=frozenset({fandom})),
            [r for r in live.values() if fandom not in r.tag_ids],
        ),
    ]:
        facets = index.search(criteria, Audience(), 0, 1).facets
        counts = Counter(tag for r in rows for tag in r.tag_ids)
        for tag_type in ("Freeform", "Fandom"):
            expected = sorted(
                (-n, tag)
                for tag, n in counts.items()
                if (tag > 300 and tag <= 320) == (tag_type == "Fandom")
            )[:10]
            assert facets[tag_type] == [(tag, -n) for n, tag in expected]


def test_titles_sort_in_lower_case_as_ao3s_title_to_sort_on_does():
    # Brackets and underscores fall between the capital and the small letters in code points,
    # so a key in capitals would put "apple" before them; AO3's key is in lower case.
    titles = {1: "apple Tale", 2: "[Bracketed] Tale", 3: "_Under Tale", 4: "The Zebra Tale"}
    rows = [row(work_id, []) for work_id in titles]
    for entry in rows:
        entry.title = titles[entry.work_id]
    index = FilterIndex(rows, {})
    found = index.search(Criteria(sort="title_to_sort_on", descending=False), Audience(), 0, 10)
    assert found.work_ids == [2, 3, 1, 4]  # "[bracketed", "_under", "apple", "zebra" (no "the")
