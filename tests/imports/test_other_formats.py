"""EPUBs (Fanfold's own, FanFicFare's, generic), generic HTML, Markdown and DOCX; hostile files."""

import datetime
import io
import zipfile

from django.conf import settings
from hypothesis import example, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from fanfold.downloads.book import work_book
from fanfold.downloads.content import work_content
from fanfold.downloads.epub import render_epub
from fanfold.imports.reading import Source, parse_source, zip_members
from fanfold.series.placement import SeriesPlacement, place_work_in_series
from fanfold.works.chapters import add_chapter
from fanfold.works.listing import with_details
from fanfold.works.models import Chapter, Work
from tests.factories import WorkFactory
from tests.imports.builders import docx, entity_attack_epub, generic_epub, title_page_epub


def parse(name: str, data: bytes):
    outcome = parse_source(Source(name, data))
    assert outcome.error == "", outcome.error
    return outcome.work


def test_fanfold_epub_round_trips(author):
    work = WorkFactory(
        author=author,
        title="Epub Trip",
        fandoms=("Fandom E",),
        characters=("Eve",),
        freeforms=("Snow & Ice",),
        summary="<p>The summary.</p>",
        end_notes="<p>The end.</p>",
        expected_chapters=2,
        body="<p>One <strong>bold</strong> start.</p>",
    )
    add_chapter(
        work,
        Chapter(title="Later", summary="<p>Chapter summary.</p>", body="<p>Two.</p>"),
        post=True,
    )
    place_work_in_series(work, [author.default_pseud], SeriesPlacement(new_title="Epubs"))
    original = with_details(Work.objects.all()).get(pk=work.pk)
    parsed = parse("trip.epub", render_epub(work_book(work_content(original), settings.SITE_URL)))
    assert (parsed.title, parsed.creators, parsed.fandoms, parsed.characters, parsed.freeforms) == (
        "Epub Trip",
        ["author"],
        ["Fandom E"],
        ["Eve"],
        ["Snow & Ice"],
    )
    assert parsed.series == [{"title": "Epubs", "position": 1}]
    assert (parsed.summary, parsed.end_notes) == ("<p>The summary.</p>", "<p>The end.</p>")
    assert [(c.title, c.body) for c in parsed.chapters] == [
        ("", "<p>One <strong>bold</strong> start.</p>"),
        ("Later", "<p>Two.</p>"),
    ]
    assert parsed.chapters[1].summary == "<p>Chapter summary.</p>"
    assert parsed.word_count == parsed.stated_word_count == original.word_count


def test_an_epub_with_a_title_page_of_label_value_lines_and_an_opf():
    work = parse("clock.epub", title_page_epub())
    assert work.title == "The Clockmaker's Apprentice" and work.creators == ["tick_tock_writer"]
    assert work.rating == "General Audiences" and work.fandoms == ["Original Work"]
    assert work.characters == ["Ada", "The Clockmaker"] and work.freeforms == [
        "Clocks",
        "Apprenticeship",
    ]
    assert (work.published, work.updated) == (datetime.date(2020, 2, 2), datetime.date(2020, 3, 3))
    assert (work.stated_word_count, work.expected_chapters) == (1234, 2)
    assert work.source_url == "https://archiveofourown.org/works/555"
    assert [c.title for c in work.chapters] == ["Gears", "Springs"]
    assert (
        work.chapters[0].body
        == "<p>Ada oiled every gear twice.</p><p>The clock ticked backwards.</p>"
    )
    assert "Rating" not in " ".join(c.body for c in work.chapters)


def test_generic_epub_uses_the_package_metadata():
    work = parse("harbour.epub", generic_epub())
    assert (work.title, work.creators, work.language) == (
        "Notes From The Harbour",
        ["harbour_keeper"],
        "fr",
    )
    assert work.summary == "<p>Small stories of boats.</p>" and work.published == datetime.date(
        2018, 7, 1
    )
    assert work.freeforms == ["Boats", "Sea"] and work.warnings_found
    assert work.series == [{"title": "Harbour Tales", "position": 3}]
    assert [(c.title, c.body) for c in work.chapters] == [
        ("Morning", "<p>Les bateaux rentrent.</p>"),
        ("Evening", "<p>La mer dort.</p>"),
    ]


def test_xml_entity_tricks_are_refused():
    outcome = parse_source(Source("attack.epub", entity_attack_epub()))
    assert outcome.work is None and "forbidden XML features" in outcome.error


def test_generic_html_markdown_and_docx_split_chapters_by_heading():
    page = b"<html><head><title>Lantern Songs</title></head><body><h2>First</h2><p>One.</p><h2>Second</h2><p>Two.</p></body></html>"
    html_work = parse("songs.html", page)
    assert html_work.title == "Lantern Songs" and [c.title for c in html_work.chapters] == [
        "First",
        "Second",
    ]
    markdown = parse(
        "walk.md",
        b"# The Long Walk\n\n## Setting Out\n\nThey left at dawn.\n\n## Arriving\n\nThey arrived *late*.\n",
    )
    assert markdown.title == "The Long Walk" and [c.title for c in markdown.chapters] == [
        "Setting Out",
        "Arriving",
    ]
    assert markdown.chapters[1].body == "<p>They arrived <em>late</em>.</p>"
    document = parse(
        "letters.docx",
        docx(
            [
                ("Heading1", "Old Letters"),
                ("Heading2", "The First"),
                ("", "Dear friend."),
                ("Heading2", "The Second"),
                ("", "Dear again."),
            ]
        ),
    )
    assert document.title == "Old Letters" and [c.title for c in document.chapters] == [
        "The First",
        "The Second",
    ]
    assert document.chapters[0].body == "<p>Dear friend.</p>"


@hypothesis_settings(max_examples=60, deadline=None)
@given(st.binary(max_size=3000), st.sampled_from(["x.epub", "x.docx", "x.html", "x.md", "x.txt"]))
def test_random_bytes_give_a_clean_error_or_a_work(data, name):
    outcome = parse_source(Source(name, data))
    assert (outcome.work is None) != (outcome.error == "")


def damaged(data: bytes, cut: int, noise: bytes) -> bytes:
    return data[:cut] + noise + data[cut + len(noise) :]


def clean_outcome(outcome) -> bool:
    """A work, or the importers' own message: parse_source also catches any other exception so
    a batch goes on, and names it "an unexpected error", which here is a crash."""
    return (outcome.work is None) != (
        outcome.error == ""
    ) and "unexpected error" not in outcome.error


@hypothesis_settings(max_examples=80, deadline=None)
@given(st.integers(0, 2100), st.binary(min_size=1, max_size=12))
@example(87, b"\x0b")  # once raised EOFError from inside zipfile
@example(550, b"\x82<")  # a damaged deflate stream: zlib.error
def test_truncated_and_corrupted_compressed_epubs_never_crash(cut, noise):
    outcome = parse_source(Source("x.epub", damaged(title_page_epub(), cut, noise)))
    assert clean_outcome(outcome)


@hypothesis_settings(max_examples=60, deadline=None)
@given(st.integers(0, 2400), st.binary(min_size=1, max_size=12))
def test_damaged_compressed_import_batches_never_crash(cut, noise):
    batch = io.BytesIO()
    with zipfile.ZipFile(batch, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("story.epub", title_page_epub())
        archive.writestr("notes.txt", "A short original story.\n\nIn two paragraphs.")
    for found in zip_members("batch.zip", damaged(batch.getvalue(), cut, noise)):
        outcome = parse_source(found) if isinstance(found, Source) else found
        assert clean_outcome(outcome)


def test_a_docx_without_headings_is_named_after_its_file_and_keeps_five_style_notices():
    styles = ["Quote", "Letter", "Poem", "Signature", "Dialogue", "Aside"]  # none defined
    document = parse("old_letters.docx", docx([(style, f"{style} text.") for style in styles]))
    assert document.title == "old letters"
    assert document.warnings_found == [
        f"Paragraph style with ID {style} was referenced but not defined in the document"
        for style in styles[:5]
    ]
