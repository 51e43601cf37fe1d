"""AO3's filter query strings read into criteria: ids and names, synonyms, typos, bad numbers."""

import datetime

import pytest
from django.http import QueryDict

from fanfold.search.params import parse_filter
from fanfold.search.query import render
from fanfold.tags.models import Tag, TagType


@pytest.fixture
def tags(db):
    fluff = Tag.objects.create(name="Fluff", type=TagType.FREEFORM, canonical=True)
    comfort = Tag.objects.create(name="fluff and comfort", type=TagType.FREEFORM, merger=fluff)
    fandom = Tag.objects.create(name="Harbour Tales", type=TagType.FANDOM, canonical=True)
    # The same name in two types: names resolve to the oldest tag of that name.
    twin = Tag.objects.create(name="Harbour", type=TagType.FREEFORM)
    Tag.objects.create(name="harbour", type=TagType.FANDOM)
    general = Tag.objects.get(name="General Audiences")
    teen = Tag.objects.get(name="Teen And Up Audiences")
    return {
        "fluff": fluff, "comfort": comfort, "fandom": fandom, "twin": twin,
        "general": general, "teen": teen,
    }  # fmt: skip


def parse(query: str, base_tag=None):
    return parse_filter(QueryDict(query), base_tag=base_tag)


def test_tags_by_id_or_name_filter_as_their_canonical_tag(tags):
    parsed = parse(
        f"include_work_search[freeform_ids][]={tags['comfort'].pk}"
        f"&include_work_search[fandom_ids][]= Harbour Tales "
        f"&include_work_search[rating_ids][]={tags['general'].pk}"
        f"&include_work_search[rating_ids][]={tags['teen'].pk}"
        f"&exclude_work_search[rating_ids][]={tags['teen'].pk}"
        "&work_search[other_tag_names]=HARBOUR, fluff and comfort"
        "&work_search[excluded_tag_names]=Fluff"
    )
    c = parsed.criteria
    assert c.include_tag_ids == {tags["fluff"].pk, tags["fandom"].pk, tags["twin"].pk}
    assert c.rating_ids == {tags["general"].pk, tags["teen"].pk}
    assert c.exclude_tag_ids == {tags["teen"].pk, tags["fluff"].pk}
    assert not c.matches_nothing
    assert parsed.errors == []
    shown = [t.name for t in parsed.include_tags]
    assert shown == ["General Audiences", "Teen And Up Audiences", "Harbour Tales", "Fluff",
                     "Harbour", "Fluff"]  # fmt: skip
    assert [t.name for t in parsed.exclude_tags] == ["Teen And Up Audiences", "Fluff"]


@pytest.mark.parametrize(
    "query",
    [
        "include_work_search[fandom_ids][]=999999",
        "include_work_search[rating_ids][]=No Such Rating",
        "work_search[other_tag_names]=Fluff, Nowhere At All",
    ],
)
def test_a_tag_that_does_not_exist_matches_no_work(tags, query):
    assert parse(query).criteria.matches_nothing


def test_excluding_a_tag_that_does_not_exist_excludes_nothing(tags):
    parsed = parse("exclude_work_search[fandom_ids][]=999999&work_search[excluded_tag_names]=Nope")
    assert parsed.criteria.exclude_tag_ids == frozenset()
    assert not parsed.criteria.matches_nothing


def test_blank_choices_are_ignored(tags):
    parsed = parse("include_work_search[fandom_ids][]=&include_work_search[fandom_ids][]=%20")
    assert parsed.criteria.include_tag_ids == frozenset()
    assert not parsed.criteria.matches_nothing


def test_the_listings_own_tag_filters_but_is_not_offered_for_removal(tags):
    parsed = parse(f"include_work_search[freeform_ids][]={tags['fluff'].pk}", tags["comfort"])
    assert parsed.criteria.include_tag_ids == {tags["fluff"].pk}
    assert not parsed.criteria.matches_nothing
    other = parse(f"include_work_search[fandom_ids][]={tags['fandom'].pk}", tags["comfort"])
    assert [t.name for t in other.include_tags] == ["Harbour Tales"]
    assert other.criteria.include_tag_ids == {tags["fandom"].pk, tags["fluff"].pk}
    assert not parse("", tags["comfort"]).criteria.matches_nothing


def test_numbers_dates_flags_language_query_and_sort(db):
    c = parse(
        "work_search[words_from]=1,000&work_search[words_to]= 5000 "
        "&work_search[date_from]=2024-01-31&work_search[date_to]=2024-02-29"
        "&work_search[complete]=T&work_search[crossover]=F&work_search[single_chapter]=1"
        "&work_search[language_id]=fr&work_search[query]=The Lamp, lamp!"
        "&work_search[sort_column]=kudos_count&work_search[sort_direction]=ASC"
    ).criteria
    assert (c.words_from, c.words_to) == (1000, 5000)
    assert (c.date_from, c.date_to) == (datetime.date(2024, 1, 31), datetime.date(2024, 2, 29))
    assert (c.complete, c.crossover, c.single_chapter) == (True, False, True)
    assert c.language == "fr"
    assert render(c.text) == "the lamp lamp"
    assert (c.sort, c.descending) == ("kudos_count", False)


@pytest.mark.parametrize("flag", ["true", "T", "1"])
def test_single_chapter_accepts_ao3s_spellings(db, flag):
    assert parse(f"work_search[single_chapter]={flag}").criteria.single_chapter


def test_empty_filter_means_everything_newest_first(db):
    c = parse("").criteria
    assert (c.words_from, c.words_to, c.date_from, c.date_to) == (None, None, None, None)
    assert (c.complete, c.crossover, c.single_chapter, c.language) == (None, None, False, None)
    assert (c.sort, c.descending, c.text) == ("revised_at", True, None)
    assert not c.matches_nothing


def test_unreadable_values_are_ignored_with_a_sentence_each(db):
    parsed = parse(
        "work_search[words_from]=many&work_search[words_to]=-5"
        "&work_search[date_from]=yesterday&work_search[date_to]=2024-02-30"
        "&work_search[sort_column]=popularity&work_search[complete]=maybe"
        "&work_search[other_tag_names]=" + "x" * 200
    )
    c = parsed.criteria
    assert (c.words_from, c.words_to, c.date_from, c.date_to) == (None, None, None, None)
    assert (c.sort, c.complete) == ("revised_at", None)
    assert parsed.errors[1:] == [
        "“popularity” is not a sort we know; sorted by date updated instead.",
        "Words from must be a whole number; “many” was ignored.",
        "Words to must be a whole number; “-5” was ignored.",
        "Date from must be a date like 2024-01-31; “yesterday” was ignored.",
        "Date to must be a date like 2024-01-31; “2024-02-30” was ignored.",
    ]
    assert "longer than" in parsed.errors[0]
