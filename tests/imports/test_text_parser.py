"""AO3 downloads flattened to text, in the shapes readers actually have."""

import contextlib
import datetime
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fanfold.imports.parsed import ImportError_
from fanfold.imports.parsers.ao3_text import parse_ao3_text
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
    with pytest.raises(ImportError_, match="no AO3 preface labels"):
        parse_ao3_text("Just a story.\n\nWith two paragraphs.")


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
