"""Full-text search answers exactly as the plain reference does: ids, order, totals and facets.

The reference (search.sqltext) reads each work's fields through the ORM and splits them with
its own tokeniser; the index answers from its postings. Queries are trees drawn by hypothesis
over the corpus's words, written out as text and parsed again, so the parser is exercised too.
"""

import pytest
from django.contrib.auth.models import AnonymousUser
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from fanfold.search.audience import audience_for
from fanfold.search.criteria import SORT_COLUMNS, Criteria
from fanfold.search.query import (
    COUNT_FIELDS,
    Count,
    Not,
    Term,
    parse_query,
    render,
)
from fanfold.search.registry import current_index
from fanfold.search.sql import sql_search
from fanfold.search.sqltext import reference_words
from fanfold.tags.models import Tag
from tests.factories import UserFactory
from tests.search.snapshots import index_from_snapshot_with_changes_since
from tests.search.strategies import query_trees
from tests.search.textcorpus import SERIES_TITLES, VOCABULARY, build_text_corpus

PAGE = 6
WORDS = sorted(
    {w for text in VOCABULARY + SERIES_TITLES for w in reference_words(text)}
    | {
        "creator1",
        "creator2",
        "nothing",
        "fandom",
        "a",
        "b",
        "ben",
        "comfort",
        "general",
        "mature",
        "gen",
        "f",
    }
)


@pytest.fixture
def corpus(db):
    works = build_text_corpus(80)
    viewers = {
        "guest": AnonymousUser(),
        "reader": UserFactory(username="reader"),
        "admin": UserFactory(username="admin_reader", is_superuser=True, is_staff=True),
        "creator": works[0].creator_pseuds[0].user,
    }
    return list(Tag.objects.values_list("id", flat=True)), viewers


def _word_text():
    word = st.sampled_from(WORDS)
    return st.one_of(
        word,
        word,
        st.lists(word, min_size=2, max_size=3).map(" ".join),
        word.filter(lambda w: len(w) > 1).map(lambda w: w[: len(w) // 2] + "*"),
        word.filter(lambda w: len(w) > 2).map(lambda w: w[0] + "?" + w[2:]),
    )


COUNTS = st.builds(
    Count,
    st.sampled_from(COUNT_FIELDS),
    st.one_of(st.none(), st.integers(0, 40)),
    st.one_of(st.none(), st.integers(0, 300)),
).filter(
    lambda c: (
        (c.low, c.high) != (None, None)
        and (c.low or 0) <= (c.high if c.high is not None else 10**9)
    )
)


@pytest.mark.parametrize("built", ["through updates", "from a snapshot"])
def test_search_equals_the_reference_on_random_queries(corpus, built, request, tmp_path):
    tag_ids, viewers = corpus
    if built == "from a snapshot":
        index = index_from_snapshot_with_changes_since(request, tmp_path)
    else:
        index = current_index()

    @settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    # Cases that must always be tried: anonymity, folded accents, synonyms, phrases, wildcards.
    @example(
        tree=Term("creator1"),
        sort="_score",
        descending=True,
        include=frozenset(),
        viewer="admin",
        page=0,
    )
    @example(
        tree=Term("cafe"),
        sort="kudos_count",
        descending=True,
        include=frozenset(),
        viewer="guest",
        page=0,
    )
    @example(
        tree=Term("comfort", "freeforms"),
        sort="hits",
        descending=False,
        include=frozenset(),
        viewer="reader",
        page=0,
    )
    @example(
        tree=Term("long way", "series"),
        sort="revised_at",
        descending=True,
        include=frozenset(),
        viewer="guest",
        page=0,
    )
    @example(
        tree=Not(Term("r?d*")),
        sort="title_to_sort_on",
        descending=False,
        include=frozenset(),
        viewer="creator",
        page=1,
    )
    @given(
        tree=query_trees(_word_text(), COUNTS, max_leaves=5),
        sort=st.sampled_from(sorted(SORT_COLUMNS)),
        descending=st.booleans(),
        include=st.one_of(
            st.just(frozenset()),
            st.just(frozenset()),
            st.frozensets(st.sampled_from(tag_ids), max_size=1),
        ),
        viewer=st.sampled_from(sorted(viewers)),
        page=st.integers(0, 3),
    )
    def check(tree, sort, descending, include, viewer, page):
        text = parse_query(render(tree))
        criteria = Criteria(text=text, sort=sort, descending=descending, include_tag_ids=include)
        who = viewers[viewer]
        found = index.search(criteria, audience_for(who), page * PAGE, PAGE)
        expected = sql_search(criteria, who, page * PAGE, PAGE)
        assert found.total == expected.total
        assert found.facets == expected.facets
        if sort != "_score":
            assert found.work_ids == expected.work_ids
        else:  # the reference has no relevance model: the same works, in any order
            everything = index.search(criteria, audience_for(who), 0, 1000, facets=False)
            assert set(everything.work_ids) == set(
                sql_search(criteria, who, 0, 1000, False).work_ids
            )

    check()


def test_the_text_corpus_exercises_what_it_should(corpus):
    _, viewers = corpus
    index = current_index()
    guest = audience_for(viewers["guest"])

    def total(query: str) -> int:
        return index.search(Criteria(text=parse_query(query)), guest, 0, 1).total

    assert 0 < total("lantern") < total("lantern OR river")
    assert total("series:autumn") > 0
    assert 0 < total("cafe") == total("Café")
    assert 0 < total('"字 字"') <= total("字")
    assert (
        total("comfort") > 0 and total("tags:comfort") > 0
    )  # a synonym's word finds its canonical
