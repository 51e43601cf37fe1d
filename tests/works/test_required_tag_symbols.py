"""The blurb's square of symbols: AO3's mark for each required tag, and its full name."""

import pytest

from fanfold.works.symbols import required_tag_symbols
from tests.factories import WorkFactory

pytestmark = pytest.mark.django_db


def marks_and_titles(work, hide_warnings=False) -> list[tuple[str, str]]:
    return [(s.mark, s.title) for s in required_tag_symbols(work, hide_warnings)]


def test_teen_work_choosing_not_to_warn_in_one_category_still_in_progress():
    work = WorkFactory(
        rating="Teen And Up Audiences",
        warnings=("Choose Not To Use Archive Warnings", "No Archive Warnings Apply"),
        categories=("F/M",),
        expected_chapters=None,
    )
    assert marks_and_titles(work) == [
        ("T", "Teen And Up Audiences"),
        ("?", "Choose Not To Use Archive Warnings"),
        ("♀♂", "F/M"),
        ("…", "Work in Progress"),
    ]


def test_complete_general_work_without_warnings_or_category():
    work = WorkFactory(rating="General Audiences", categories=())
    assert marks_and_titles(work) == [
        ("G", "General Audiences"),
        ("", "No Archive Warnings Apply"),
        ("", "No category"),
        ("✓", "Complete Work"),
    ]


def test_warnings_that_apply_are_named_unless_the_reader_hides_them():
    work = WorkFactory(
        rating="Explicit",
        warnings=("Major Character Death", "Graphic Depictions Of Violence"),
        categories=("Gen", "M/M"),
    )
    rating, warnings, category, _ = marks_and_titles(work)
    assert rating == ("E", "Explicit")
    assert warnings[0] == "!"
    assert sorted(warnings[1].split(", ")) == [
        "Graphic Depictions Of Violence",
        "Major Character Death",
    ]
    assert category[0] == "✱"
    assert sorted(category[1].split(", ")) == ["Gen", "M/M"]
    assert marks_and_titles(work, hide_warnings=True)[1] == ("", "Warnings hidden")
