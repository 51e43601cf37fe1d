"""The filter index answers every query exactly as plain SQL does: ids, order, totals, facets.

It runs three times: on an index rebuilt from the database, on the index every test starts
with, which received every document as an update through the change log, and on an index
mapped from a snapshot file with changes made since the snapshot was written. Word matching
and text sorts are checked against this file's own tokeniser and title key, not the index's.
"""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fanfold.search import sql
from fanfold.search.audience import audience_for
from fanfold.search.criteria import SORT_COLUMNS, Criteria
from fanfold.search.query import parse_query
from fanfold.search.registry import current_index, forget_index
from fanfold.search.sql import sql_search
from fanfold.tags.models import Tag, TagType
from tests.factories import UserFactory
from tests.search.corpus import build_corpus
from tests.search.snapshots import index_from_snapshot_with_changes_since

PAGE = 7
ARTICLES = ("the ", "a ", "an ")


def title_key(title: str) -> str:
    """AO3 sorts titles lower-cased and without a leading article."""
    key = title.strip().lower()
    for article in ARTICLES:
        if key.startswith(article):
            return key[len(article) :].lstrip()
    return key


@pytest.fixture
def own_tokeniser(monkeypatch):
    # The SQL reference would otherwise share the index's sort key (its text matching has its
    # own tokeniser already: search.sqltext).
    monkeypatch.setattr(sql, "title_sort_key", title_key)


@pytest.fixture
def corpus(db, own_tokeniser):
    works = build_corpus(90)
    tags = {
        tag_type: list(Tag.objects.filter(type=tag_type).values_list("id", flat=True))
        for tag_type in TagType
    }
    viewers = {
        "guest": AnonymousUser(),
        "reader": UserFactory(username="reader"),
        "admin": UserFactory(username="admin_reader", is_superuser=True, is_staff=True),
        "creator": works[0].creator_pseuds[0].user,
    }
    return tags, viewers


def often(strategy, default):
    """Mostly the default, so that broad queries with many ties at page edges are common."""
    return st.one_of(st.just(default), st.just(default), strategy)


def criteria_strategy(tags: dict) -> st.SearchStrategy[Criteria]:
    any_tag = st.sampled_from([t for ids in tags.values() for t in ids])
    dates = st.dates(datetime.date(2019, 6, 1), datetime.date(2025, 1, 1))
    return st.builds(
        Criteria,
        include_tag_ids=often(st.frozensets(any_tag, min_size=1, max_size=2), frozenset()),
        rating_ids=often(
            st.frozensets(st.sampled_from(tags[TagType.RATING]), max_size=3), frozenset()
        ),
        exclude_tag_ids=often(st.frozensets(any_tag, min_size=1, max_size=5), frozenset()),
        exclude_work_ids=often(
            st.frozensets(st.integers(1, 100), min_size=1, max_size=20), frozenset()
        ),
        crossover=often(st.booleans(), None),
        complete=often(st.booleans(), None),
        single_chapter=often(st.just(True), False),
        words_from=often(st.integers(0, 70), None),
        words_to=often(st.integers(0, 70), None),
        date_from=often(dates, None),
        date_to=often(dates, None),
        language=often(st.sampled_from(["en", "fr", "ja", "de"]), None),
        text=often(
            st.sampled_from(["red", "story creator1", "quiet OR nothing", "-red"]).map(parse_query),
            None,
        ),
        sort=st.sampled_from(sorted(set(SORT_COLUMNS) - {"_score"})),
        descending=st.booleans(),
    )


@pytest.mark.parametrize("built", ["through updates", "from the database", "from a snapshot"])
def test_index_equals_sql_on_random_criteria(corpus, built, request, tmp_path):
    tags, viewers = corpus
    if built == "from the database":
        forget_index()
    if built == "from a snapshot":
        index = index_from_snapshot_with_changes_since(request, tmp_path)
    else:
        index = current_index()

    @settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(
        criteria=criteria_strategy(tags),
        viewer=st.sampled_from(sorted(viewers)),
        page=st.integers(0, 6),
    )
    def check(criteria, viewer, page):
        who = viewers[viewer]
        expected = sql_search(criteria, who, page * PAGE, PAGE)
        found = index.search(criteria, audience_for(who), page * PAGE, PAGE)
        assert found.total == expected.total
        assert found.work_ids == expected.work_ids
        assert found.facets == expected.facets

    check()


def test_the_corpus_exercises_what_it_should(corpus):
    _, viewers = corpus
    index = current_index()
    everything = Criteria()
    guest_total = index.search(everything, audience_for(viewers["guest"]), 0, 1).total
    reader_total = index.search(everything, audience_for(viewers["reader"]), 0, 1).total
    admin_total = index.search(everything, audience_for(viewers["admin"]), 0, 1).total
    assert 0 < guest_total < reader_total < admin_total < 91
    single = index.search(Criteria(single_chapter=True), audience_for(viewers["admin"]), 0, 1)
    assert 0 < single.total < admin_total
