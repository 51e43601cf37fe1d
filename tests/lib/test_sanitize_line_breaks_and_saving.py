"""Line endings typed on any system, and every HTML field cleaned when its row is saved."""

import pytest

from fanfold.lib.sanitize import sanitize_html
from fanfold.series.models import Series
from fanfold.works.models import Work
from tests.factories import UserFactory, WorkFactory


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_a_line_break_from_any_system_is_one_br(newline):
    assert sanitize_html(f"one{newline}two") == "<p>one<br>\ntwo</p>"


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_a_blank_line_from_any_system_separates_paragraphs(newline):
    text = f"first{newline}{newline}second{newline}"
    assert sanitize_html(text) == "<p>first</p>\n<p>second</p>"


HOSTILE = '<p onclick="steal()">kept</p><script>gone()</script>'


def test_every_html_field_of_a_work_is_cleaned_on_save(db):
    work = WorkFactory(author=UserFactory(), summary=HOSTILE, notes=HOSTILE, end_notes=HOSTILE)
    stored = Work.objects.get(pk=work.pk)
    for field in ("summary", "notes", "end_notes"):
        assert getattr(stored, field) == "<p>kept</p>"
    chapter = stored.chapters.get()
    chapter.body, chapter.notes = HOSTILE, None
    chapter.save()
    chapter.refresh_from_db()
    assert (chapter.body, chapter.notes) == ("<p>kept</p>", "")


def test_series_summary_and_notes_are_cleaned_on_save(db):
    series = Series.objects.create(title="Tides", summary=HOSTILE, notes=HOSTILE)
    series.refresh_from_db()
    assert (series.summary, series.notes) == ("<p>kept</p>", "<p>kept</p>")
