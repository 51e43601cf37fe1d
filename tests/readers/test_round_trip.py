"""A Fanfold work → FanFicFare's EPUB → `fanfold import` gives back the same work."""

import re

import pytest
from django.core.management import call_command

from fanfold.works.models import Work
from tests.factories import UserFactory
from tests.readers.builders import ao3_url, two_chapter_work

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.filterwarnings("ignore::DeprecationWarning:fanficfare"),
]


@pytest.fixture
def original(ao3_is_fanfold, writer):
    return two_chapter_work(writer, expected_chapters=3)


@pytest.fixture
def imported(original, fanficfare, tmp_path):
    """The original downloaded by FanFicFare, then imported through the import command."""
    fanficfare(ao3_url(original.get_absolute_url()))
    UserFactory(username="archivist")
    call_command("import", str(tmp_path / "story.epub"), "--as", "archivist")
    return Work.objects.exclude(pk=original.pk).get()


def text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def tag_names(work: Work) -> dict[str, list[str]]:
    return {
        kind: sorted(tag.name for tag in getattr(work, kind))
        for kind in (
            "warnings",
            "categories",
            "fandoms",
            "relationships",
            "characters",
            "freeforms",
        )
    }


def test_title_creator_rating_characters_dates_summary_and_text_survive(original, imported):
    assert imported.title == original.title
    assert imported.imported_creators == "quillwright"
    assert imported.source_url == ao3_url(original.get_absolute_url())
    assert imported.rating.name == original.rating.name == "Teen And Up Audiences"
    assert tag_names(imported)["relationships"] == ["Mara/Tobin"]
    assert tag_names(imported)["characters"] == ["Mara", "Tobin"]
    assert imported.language == original.language == "en"
    assert (imported.published_on, imported.updated_on) == (
        original.published_on,
        original.updated_on,
    )
    assert text(imported.summary) == text(original.summary)
    imported_chapters = list(imported.chapters.order_by("position"))
    assert len(imported_chapters) == 2
    for made, read in zip(original.chapters.order_by("position"), imported_chapters, strict=True):
        assert text(made.body) in text(read.body)


def test_every_tag_note_and_chapter_field_survives(original, imported):
    assert tag_names(imported) == tag_names(original)
    # FanFicFare's title page says "Chapters: 2" and "In-Progress", not AO3's 2/3: the total is
    # not in the book, but the work comes back unfinished all the same.
    assert (imported.expected_chapters, imported.complete) == (None, original.complete)
    assert (text(imported.notes), text(imported.end_notes)) == (
        text(original.notes),
        text(original.end_notes),
    )
    fields = ("title", "summary", "notes", "end_notes", "body")
    assert [
        [text(getattr(chapter, name) or "") for name in fields]
        for chapter in imported.chapters.order_by("position")
    ] == [
        [text(getattr(chapter, name) or "") for name in fields]
        for chapter in original.chapters.order_by("position")
    ]
    assert imported.word_count == original.word_count
