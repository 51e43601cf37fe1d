"""AO3's preface labels and stats line, read the way every import parser reads them."""

import datetime
from types import SimpleNamespace

import pytest

from fanfold.imports.labels import (
    apply_stats,
    field_for,
    parse_date,
    parse_series,
    source_url,
    split_values,
)


@pytest.mark.parametrize(
    ("label", "field"),
    [
        ("Rating:", "rating"),
        ("  Archive Warnings : ", "warnings"),
        ("ADDITIONAL TAGS:", "freeforms"),
        ("Category", "categories"),
        ("Stats:", "stats"),
        ("Summary:", None),
        ("", None),
    ],
)
def test_labels_are_read_in_any_case_with_or_without_a_colon(label, field):
    assert field_for(label) == field


def test_values_are_split_on_commas_and_line_breaks():
    assert split_values(" Found Family,Lighthouses\n Letters ,, \n") == [
        "Found Family",
        "Lighthouses",
        "Letters",
    ]
    assert split_values("") == []


@pytest.mark.parametrize(
    ("text", "day"),
    [(" 2019-04-02\n", datetime.date(2019, 4, 2)), ("2019-13-02", None), ("soon", None)],
)
def test_dates_are_iso_or_nothing(text, day):
    assert parse_date(text) == day


def stats_of(text: str) -> SimpleNamespace:
    work = SimpleNamespace(
        published=None, updated=None, completed=None, stated_word_count=None, expected_chapters=None
    )
    apply_stats(work, text)
    return work


def test_a_stats_line_fills_dates_words_and_chapters():
    work = stats_of("Published: 2019-04-02 Updated: 2019-05-10 Words: 4,210 Chapters: 3/5")
    assert work.published == datetime.date(2019, 4, 2)
    assert work.updated == datetime.date(2019, 5, 10)
    assert work.completed is None
    assert (work.stated_word_count, work.expected_chapters) == (4210, 5)


def test_stats_over_several_lines_in_any_case():
    work = stats_of("published: 2020-01-01\nCOMPLETED: 2020-02-02\nwords:12\nchapters: 2/2")
    assert work.published == datetime.date(2020, 1, 1)
    assert work.completed == datetime.date(2020, 2, 2)
    # A completed work without an update date was last updated when it was completed.
    assert work.updated == datetime.date(2020, 2, 2)
    assert (work.stated_word_count, work.expected_chapters) == (12, 2)


def test_an_update_date_is_kept_when_a_completion_date_is_also_given():
    work = stats_of("Updated: 2020-01-05 Completed: 2020-02-02")
    assert work.updated == datetime.date(2020, 1, 5)


def test_unknown_chapter_totals_and_unreadable_counts_are_left_empty():
    work = stats_of("Words: 1,2-3 Chapters: 1/?")
    assert (work.stated_word_count, work.expected_chapters) == (None, None)
    assert stats_of("Chapters: 4").expected_chapters is None
    assert stats_of("Chapters: 1/2/3").expected_chapters is None


def test_series_lines_give_title_and_position_even_when_wrapped():
    assert parse_series("Part 2 of The Long\n Way Home") == [
        {"title": "The Long Way Home", "position": 2}
    ]
    assert parse_series("part 1 of Tides, Part 12 of Lamps, and Ledgers") == [
        {"title": "Tides", "position": 1},
        {"title": "Lamps, and Ledgers", "position": 12},
    ]
    assert parse_series("Tides") == []


def test_the_source_address_comes_from_the_posted_originally_line():
    text = (
        "Posted originally on the Archive of Our Own at "
        "https://archiveofourown.org/works/123456.\n"
        "Rating: General Audiences"
    )
    assert source_url(text) == "https://archiveofourown.org/works/123456"
    assert source_url("posted originally on the archive at http://example.org/w/1 \n") == (
        "http://example.org/w/1"
    )
    assert source_url("Posted on the archive at https://example.org/w/1") == ""
    # Sentence full stops are not part of the address.
    assert source_url("Posted originally on the Archive at https://example.org/w/AX..") == (
        "https://example.org/w/AX"
    )
