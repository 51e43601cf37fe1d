"""Every Fanfold download that carries text re-imports to the same metadata and chapter text."""

import pytest
from django.conf import settings

from fanfold.downloads import epub, html_file
from fanfold.downloads.book import work_book
from fanfold.downloads.content import work_content
from fanfold.imports.reading import Source, parse_source
from fanfold.works.chapters import add_chapter
from fanfold.works.listing import with_details
from fanfold.works.models import Chapter, Work
from tests.downloads.fixtures import anonymous_work, cjk_work, rtl_work
from tests.factories import WorkFactory


def notes_everywhere(author):
    work = WorkFactory(
        author=author, title="Notes & Everything", summary="<p>Sum.</p>", notes="<p>Begin.</p>",
        end_notes="<p>Finish.</p>", relationships=("A/B",), characters=("A", "B"), freeforms=("x < y",),
        categories=("Gen",), expected_chapters=None, body="<p>Opening <em>words</em>.</p><blockquote><p>A quote.</p></blockquote>",
    )  # fmt: skip
    add_chapter(
        work,
        Chapter(
            title="Two",
            summary="<p>S2.</p>",
            notes="<p>N2.</p>",
            end_notes="<p>E2.</p>",
            body="<p>Second.</p>",
        ),
        post=True,
    )
    return work


def render(extension: str, book) -> bytes:
    # Looked up when called, so the session's EPUBCheck sees these EPUBs too.
    return epub.render_epub(book) if extension == "epub" else html_file.render_html(book)


@pytest.mark.parametrize("extension", ["epub", "html"])
@pytest.mark.parametrize("make_work", [notes_everywhere, cjk_work, rtl_work, anonymous_work])
def test_download_reimports_to_the_same_work(author, extension, make_work):
    work = with_details(Work.objects.all()).get(pk=make_work(author).pk)
    data = render(extension, work_book(work_content(work), settings.SITE_URL))
    outcome = parse_source(Source(f"download.{extension}", data))
    parsed = outcome.work
    assert parsed is not None, outcome.error
    assert parsed.title == work.title
    assert parsed.creators == (
        ["Anonymous"] if work.anonymous else [p.name for p in work.creator_pseuds]
    )
    assert parsed.rating == work.rating.name
    for field in ("warnings", "categories", "fandoms", "relationships", "characters", "freeforms"):
        assert getattr(parsed, field) == [tag.name for tag in getattr(work, field)], field
    assert (parsed.summary, parsed.notes, parsed.end_notes) == (
        work.summary,
        work.notes,
        work.end_notes,
    )
    chapters = list(work.chapters.order_by("position"))
    assert [c.body for c in parsed.chapters] == [c.body for c in chapters]
    assert [(c.title, c.summary, c.notes, c.end_notes) for c in parsed.chapters] == [
        (c.title, c.summary, c.notes, c.end_notes) for c in chapters
    ]
    assert parsed.word_count == parsed.stated_word_count == work.word_count
    assert str(parsed.published) == str(work.published_on)
