"""AO3 downloads flattened to text, in the shapes readers actually have."""

import contextlib
import datetime
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fanfold.imports.parsed import ImportError_
from fanfold.imports.parsers.ao3_text import parse_ao3_text, with_headings
from fanfold.imports.reading import Source, parse_source
from tests.imports.test_import_command import run

FIXTURES = Path(__file__).with_name("fixtures")


def parse(name: str):
    return parse_ao3_text((FIXTURES / name).read_text())


def test_multichapter_flattened_download_keeps_every_field():
    work = parse("ao3_flat_multichapter.txt")
    assert work.title == "The Lighthouse Ledger"
    assert work.creators == ["Wren Writer"]
    assert work.source_url == "https://archiveofourown.org/works/123456"
    assert work.rating == "General Audiences"
    assert work.warnings == ["No Archive Warnings Apply"]
    assert work.categories == ["Gen", "F/M"]
    assert work.fandoms == ["The Lanternkeepers (Original Work)"]
    assert work.relationships == ["Wren Hollis & Pim"]
    assert work.characters == ["Wren Hollis", "Pim"]
    assert work.freeforms == ["Found Family", "Lighthouses", "Letters"]
    assert work.language == "English"
    assert work.series == [{"title": "The Long Way Home", "position": 2}]
    assert (work.published, work.updated) == (datetime.date(2019, 4, 2), datetime.date(2019, 5, 10))
    assert (work.stated_word_count, work.expected_chapters) == (4210, 3)
    assert (
        work.summary
        == "<p>Wren keeps the ledger. Pim keeps the lamp. The sea keeps its secrets.</p>"
    )
    assert work.notes == "<p>Written for a winter exchange.</p>"
    assert work.end_notes == "<p>Thank you for reading this far.</p>"
    first, second = work.chapters
    assert (first.title, first.summary, first.notes, first.end_notes) == (
        "Arrivals",
        "<p>In which the boat arrives late.</p>",
        "<p>Thanks to my patient beta.</p>",
        "<p>More soon!</p>",
    )
    assert first.body == (
        "<p>The boat came in after dark, and Wren met it with the lantern held high.</p>\n"
        "<p>Pim was already on the jetty, counting crates.</p>"
    )
    # Paragraph breaks lost in conversion come back between run-together sentences.
    assert second.body == (
        "<p>The ledger was older than the lighthouse.</p>\n<p>Wren opened it with care.</p>\n"
        "<p>Inside, someone had written her name.</p>"
    )
    assert any("Paragraph breaks were missing" in w for w in work.warnings_found)


def test_no_preface_stats_or_afterword_text_leaks_into_chapters():
    work = parse("ao3_flat_multichapter.txt")
    bodies = " ".join(chapter.body for chapter in work.chapters)
    for leaked in (
        "Rating",
        "Published",
        "Words:",
        "Afterword",
        "Thank you for reading",
        "drop by",
        "font-family",
        "Posted originally",
    ):
        assert leaked not in bodies


def test_single_chapter_with_singular_labels_and_source_at_the_bottom():
    work = parse("ao3_flat_single.txt")
    assert work.title == "Paper Boats" and work.creators == ["river_reader"]
    assert work.characters == ["Mole", "Ratty"] and work.warnings == [
        "Choose Not To Use Archive Warnings"
    ]
    assert work.published == datetime.date(2021, 8, 14) and work.expected_chapters == 1
    assert work.source_url == "https://archiveofourown.org/works/987654"
    assert work.summary == "<p>Two friends and a stack of old letters.</p>"
    [chapter] = work.chapters
    assert chapter.body.startswith("<p>They folded boats") and chapter.body.endswith(
        "folded another.</p>"
    )
    assert "Posted originally" not in chapter.body


def test_text_without_an_ao3_preface_is_refused_clearly():
    with pytest.raises(
        ImportError_, match=r"^no AO3 preface labels \(Rating:, Fandom:, \.\.\.\) found$"
    ):
        parse_ao3_text("Just a story.\n\nWith two paragraphs.")


def test_a_download_cut_off_before_any_chapter_text_is_refused():
    text = (FIXTURES / "ao3_flat_multichapter.txt").read_text()
    cut = text[: text.index("\nThe boat came in")]  # chapter 1's heading, summary and notes
    with pytest.raises(ImportError_, match=r"^no chapter text after the preface$"):
        parse_ao3_text(cut)


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=2000))
def test_random_text_gives_a_work_or_a_clean_error(text):
    with contextlib.suppress(ImportError_):
        parse_ao3_text(text)


@settings(max_examples=100, deadline=None)
@given(st.integers(0, 3000), st.integers(0, 200))
def test_truncated_and_mutated_fixtures_never_crash(cut, noise):
    text = (FIXTURES / "ao3_flat_multichapter.txt").read_text()
    mutated = text[:cut] + "\x00{}:::" * (noise % 3) + text[cut + noise :]
    with contextlib.suppress(ImportError_):
        parse_ao3_text(mutated)


PREFACE_FIELDS = {
    "title": "The Lighthouse Ledger",
    "creators": ["Wren Writer"],
    "rating": "General Audiences",
    "warnings": ["No Archive Warnings Apply"],
    "categories": ["Gen", "F/M"],
    "fandoms": ["The Lanternkeepers (Original Work)"],
    "relationships": ["Wren Hollis & Pim"],
    "characters": ["Wren Hollis", "Pim"],
    "freeforms": ["Found Family", "Lighthouses", "Letters"],
    "language": "English",
    "series": [{"title": "The Long Way Home", "position": 2}],
    "published": "2019-04-02",
    "updated": "2019-05-10",
    "stated_word_count": 4210,
    "expected_chapters": 3,
    "summary": "<p>Wren keeps the ledger. Pim keeps the lamp. The sea keeps its secrets.</p>",
}


def dry_run_text(folder: Path, text: str) -> dict:
    (folder / "flat.txt").write_text(text)
    out, err, code = run("--dry-run", "--json", folder / "flat.txt")
    assert code == 0, err
    return json.loads(out)


def test_stats_label_then_a_blank_line_then_indented_stat_lines(db, tmp_path):
    text = (FIXTURES / "ao3_flat_multichapter.txt").read_text()
    stats = text[text.index("Stats:") : text.index("\nThe Lighthouse Ledger\nby")]
    reflowed = "Stats:\n\n    Published: 2019-04-02\n    Updated: 2019-05-10\n\n    Chapters: 2/3\n    Words: 4,210\n"
    line = dry_run_text(tmp_path, text.replace(stats, reflowed))
    assert {key: line[key] for key in PREFACE_FIELDS} == PREFACE_FIELDS


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(
        st.tuples(st.integers(0, 60), st.integers(0, 3), st.sampled_from(["", "  ", "\t", "    "])),
        max_size=12,
    )
)
def test_blank_lines_and_indentation_anywhere_in_the_preface_keep_every_field(
    db, tmp_path, insertions
):
    text = (FIXTURES / "ao3_flat_multichapter.txt").read_text()
    preface_end = text.index("\nSummary\n")
    lines = text[:preface_end].split("\n")
    for position, blank_lines, indent in sorted(insertions, reverse=True):
        position = min(position, len(lines))
        if position < len(lines):
            lines[position] = indent + lines[position]
        lines[position:position] = [indent] * blank_lines
    line = dry_run_text(tmp_path, "\n".join(lines) + text[preface_end:])
    assert {key: line[key] for key in PREFACE_FIELDS} == PREFACE_FIELDS


def flat_with(old: str, new: str) -> str:
    text = (FIXTURES / "ao3_flat_multichapter.txt").read_text()
    assert old in text
    return text.replace(old, new)


@pytest.mark.parametrize(
    "title_and_byline",
    [
        # calibre's text of AO3's MOBI: one blank line between them.
        "The Lighthouse Ledger\n\nby Wren Writer\n\nSummary\n",
        # calibre's text of AO3's EPUB: two.
        "The Lighthouse Ledger\n\n\nby Wren Writer\n\nSummary\n",
        # pdftotext's text of AO3's PDF (without -layout): none, not even before "Summary".
        "The Lighthouse Ledger\nby Wren Writer\nSummary\n",
    ],
)
def test_title_and_byline_are_read_however_many_blank_lines_surround_them(title_and_byline):
    text = flat_with("The Lighthouse Ledger\nby Wren Writer\n\nSummary\n", title_and_byline)
    line = parse_ao3_text(text).to_json()
    assert {key: line[key] for key in PREFACE_FIELDS} == PREFACE_FIELDS


def test_a_title_that_starts_with_by_is_not_taken_for_the_byline():
    work = parse_ao3_text(flat_with("The Lighthouse Ledger", "By the Lighthouse"))
    assert (work.title, work.creators) == ("By the Lighthouse", ["Wren Writer"])
    assert work.summary == PREFACE_FIELDS["summary"]


def test_without_a_by_line_the_title_and_creators_are_left_empty_with_a_notice():
    # AO3's work page shows the creator's name alone; copied from there, the "by" is missing.
    text = flat_with("\nby Wren Writer\n", "\nWren Writer\n")
    # The byline is looked for within the first 12 lines of text after the preface only: a
    # paragraph opening with "By" further on is the story's.
    text = text.replace("The boat came in after dark,", "By dark the boat was in,")
    work = parse_ao3_text(text)
    assert (work.title, work.creators) == ("", [])
    assert work.warnings_found == [
        "No “by <creator>” line after the preface; the title may be missing.",
        "Paragraph breaks were missing; they were restored between sentences.",
    ]
    arrivals = next(chapter for chapter in work.chapters if chapter.title == "Arrivals")
    assert arrivals.body.startswith("<p>By dark the boat was in, and Wren met it")
    assert (work.rating, work.fandoms) == (
        "General Audiences",
        ["The Lanternkeepers (Original Work)"],
    )


def test_stat_names_are_read_in_any_case():
    text = flat_with("Published:\n", "PUBLISHED:\n").replace("Words:\n", "words:\n")
    work = parse_ao3_text(text)
    assert (work.published, work.stated_word_count) == (datetime.date(2019, 4, 2), 4210)
    assert work.title == "The Lighthouse Ledger"


def test_chapters_known_apart_get_the_headings_the_parser_reads():
    """What a PDF's outline or an e-book's table of contents gives: each chapter's text, headed
    by its bare title (or by nothing, when two outline entries name one page)."""
    preface = "Rating:\nGeneral Audiences"
    chapters = [("Arrivals", ""), ("The Storm", "\n  The Storm\nRain.\n"), ("Chapter 3", "Calm.")]
    assert with_headings(preface, chapters).split("\n") == [
        *preface.split("\n"),
        *["", "Chapter 1: Arrivals", ""],
        *["", "Chapter 2: The Storm", "", "Rain.", ""],
        *["", "Chapter 3", "Calm."],
    ]
    # A one-chapter work's only chapter is named after the work: it is left untitled.
    assert with_headings(preface, [("A Small Lamp", "The cat sat.")]).endswith(
        "\n\nChapter 1\nThe cat sat."
    )


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_a_line_break_inside_a_paragraph_is_kept_in_any_line_ending(newline):
    text = flat_with(
        "Pim was already on the jetty, counting crates.\n",
        "Pim was already on the jetty, counting crates.  \nNone of them were hers.\n",
    )
    work = parse_ao3_text(text.replace("\n", newline))
    # One <br> where the line broke, trailing spaces dropped; paragraphs still apart.
    assert work.chapters[0].body == (
        "<p>The boat came in after dark, and Wren met it with the lantern held high.</p>\n"
        "<p>Pim was already on the jetty, counting crates.<br>None of them were hers.</p>"
    )
    assert (work.title, work.summary) == ("The Lighthouse Ledger", PREFACE_FIELDS["summary"])


def test_summary_and_notes_headings_with_a_colon_as_on_the_work_page():
    text = flat_with("\nSummary\n", "\nSummary:\n").replace("\nNotes\n", "\nNotes:\n")
    work = parse_ao3_text(text)
    assert work.summary == PREFACE_FIELDS["summary"]
    assert work.notes == "<p>Written for a winter exchange.</p>"
    assert [chapter.title for chapter in work.chapters] == ["Arrivals", "The Ledger"]


def test_a_one_shots_notes_end_at_the_blank_line_before_its_text():
    text = (FIXTURES / "ao3_flat_single.txt").read_text()
    text = text.replace("\n\nThey folded boats", "\n\nNotes\nFor my sister.\n\nThey folded boats")
    work = parse_ao3_text(text)
    assert work.notes == "<p>For my sister.</p>"
    [chapter] = work.chapters
    assert chapter.body.startswith("<p>They folded boats from the letters")


def test_the_afterwords_list_of_works_inspired_by_this_one_is_left_out():
    # AO3's afterword, for a work without end notes that others were inspired by.
    text = flat_with("\nSee the end of the work for more notes\n", "\n").replace(
        "Afterword\nEnd Notes\nThank you for reading this far.\n",
        "Afterword\nWorks inspired by this one:\nThe Keeper's Cat by lantern_yi\n",
    )
    work = parse_ao3_text(text)
    assert work.end_notes == ""
    assert work.chapters[-1].body == (
        "<p>The ledger was older than the lighthouse.</p>\n<p>Wren opened it with care.</p>\n"
        "<p>Inside, someone had written her name.</p>"
    )


def test_a_plain_story_with_a_few_label_like_lines_is_not_taken_for_ao3_text():
    # Two header lines as fics outside AO3 often have, and prose that reads like a third label
    # on line 81: only three labels within the first 80 lines make a file AO3's.
    story = ["Fandom: The Wind in the Willows", "Rating: General Audiences", ""]
    story += [f"Mole folded boat number {n}." for n in range(1, 78)]
    story += ["Language: none of it polite, when the boats sank."]
    outcome = parse_source(Source("paper_boats.txt", "\n".join(story).encode()))
    assert outcome.error == ""
    assert (outcome.work.title, outcome.work.fandoms) == ("paper boats", [])
    assert "Mole folded boat number 1." in outcome.work.chapters[0].body


def test_a_multifandom_preface_is_known_by_three_labels_before_its_long_fandom_list():
    # No category, and eighty fandoms, one a line as the flattened download lists them: the
    # first 80 lines hold only Rating, Archive Warnings and Fandoms.
    fandoms = [f"Lighthouse Tales {n} (Web Series)" for n in range(1, 81)]
    text = flat_with("Categories:\nGen, F/M\n", "").replace(
        "The Lanternkeepers (Original Work)\n", "\n".join(fandoms) + "\n"
    )
    outcome = parse_source(Source("ledger.txt", text.encode()))
    assert outcome.error == ""
    assert (outcome.work.title, outcome.work.fandoms) == ("The Lighthouse Ledger", fandoms)


def test_related_works_in_the_preface_are_left_out_and_the_same_words_in_the_story_kept():
    # AO3 lists related works after the work's notes, in the preface only
    # (downloads/_download_preface.html.erb); a story line may begin with the same words.
    text = (FIXTURES / "ao3_flat_multichapter.txt").read_text()
    plain = parse_ao3_text(text)
    related = (
        "See the end of the work for more notes\n\n"
        "Inspired by The Keeper's Cat by lantern_yi\n"
        "A translation of The Lamp Log by Pim\n\n"
    )
    story = "Chapter 1: Arrivals\n\nA translation of the old log lay open.\nInspired by it, Wren wrote.\n"
    text = text.replace("See the end of the work for more notes\n\n", related, 1)
    text = text.replace("Chapter 1: Arrivals\n", story, 1)
    work = parse_ao3_text(text)
    assert [chapter.title for chapter in work.chapters] == [c.title for c in plain.chapters]
    assert work.notes == plain.notes
    first = work.chapters[0].body
    assert "A translation of the old log lay open.<br>Inspired by it, Wren wrote." in first
    assert "Keeper's Cat" not in first and "Lamp Log" not in first
