"""`fanfold import`: the JSON contract, writing works, idempotency, limits and bad files."""

import io
import json
import zipfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client

from fanfold.downloads.book import work_book
from fanfold.downloads.content import work_content
from fanfold.downloads.html_file import render_html
from fanfold.series.placement import SeriesPlacement, place_work_in_series
from fanfold.works.chapters import add_chapter
from fanfold.works.listing import with_details
from fanfold.works.models import Chapter, Work
from tests.factories import WorkFactory

FIXTURES = Path(__file__).with_name("fixtures")
CONTRACT_KEYS = {
    "title", "creators", "rating", "warnings", "categories", "fandoms", "relationships",
    "characters", "freeforms", "language", "series", "published", "updated", "completed",
    "expected_chapters", "stated_word_count", "word_count", "summary", "notes", "end_notes",
    "source_url", "chapters", "warnings_found",
}  # fmt: skip


def run(*args) -> tuple[str, str, int]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import", *map(str, args), stdout=out, stderr=err)
        code = 0
    except SystemExit as exit_:
        code = int(exit_.code)
    return out.getvalue(), err.getvalue(), code


def test_dry_run_json_prints_the_documented_contract_and_writes_nothing(db):
    out, _, code = run("--dry-run", "--json", FIXTURES)
    lines = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and len(lines) == 2
    assert all(set(line) == CONTRACT_KEYS | {"source"} for line in lines)
    assert set(lines[0]["chapters"][0]) == {"title", "summary", "notes", "end_notes", "body"}
    assert not Work.objects.exists()


def test_import_writes_every_field_and_a_second_run_updates(outsider):
    out, _, code = run("--as", "outsider", FIXTURES / "ao3_flat_multichapter.txt")
    work = with_details(Work.objects.all()).get()
    assert code == 0 and out.startswith("imported:")
    assert work.title == "The Lighthouse Ledger" and work.imported_creators == "Wren Writer"
    assert work.source_url == "https://archiveofourown.org/works/123456"
    assert work.stated_word_count == 4210 and work.expected_chapters == 3
    assert [t.name for t in work.freeforms] == ["Found Family", "Lighthouses", "Letters"]
    assert [t.name for t in work.categories] == ["Gen", "F/M"]
    assert work.series_memberships.get().series.title == "The Long Way Home"
    assert str(work.published_on) == "2019-04-02" and str(work.updated_on) == "2019-05-10"
    chapters = list(work.chapters.order_by("position"))
    assert [c.title for c in chapters] == ["Arrivals", "The Ledger"]
    assert chapters[0].notes == "<p>Thanks to my patient beta.</p>"
    page = Client().get(work.get_absolute_url()).content.decode()
    assert "Wren Writer [imported]" in page
    assert 'Originally posted at <a href="https://archiveofourown.org/works/123456"' in page
    out, _, _ = run("--as", "outsider", FIXTURES / "ao3_flat_multichapter.txt")
    assert out.startswith("updated:") and Work.objects.count() == 1 and work.chapters.count() == 2
    out, _, _ = run("--as", "outsider", "--skip-existing", FIXTURES / "ao3_flat_multichapter.txt")
    assert out.startswith("skipped:")


def test_unknown_fixed_tags_become_warnings_and_defaults(outsider, tmp_path):
    text = (FIXTURES / "ao3_flat_single.txt").read_text()
    text = text.replace("Teen And Up Audiences", "Spicy").replace(
        "Category: Gen", "Category: Gen, Fluffy"
    )
    (tmp_path / "odd.txt").write_text(text)
    _, err, code = run("--as", "outsider", tmp_path / "odd.txt")
    work = with_details(Work.objects.all()).get()
    assert code == 0
    assert work.rating.name == "Not Rated" and [c.name for c in work.categories] == ["Gen"]
    assert "Unknown rating “Spicy”; imported as Not Rated." in err
    assert "Unknown category “Fluffy” was left out." in err


def test_drafts_and_usage_errors(outsider):
    run("--as", "outsider", "--draft", FIXTURES / "ao3_flat_single.txt")
    assert not Work.objects.get().posted
    for args in (["--json", FIXTURES], [FIXTURES], ["--as", "nobody", FIXTURES]):
        with pytest.raises(CommandError) as raised:
            call_command("import", *map(str, args), stdout=io.StringIO(), stderr=io.StringIO())
        assert raised.value.returncode == 2


def test_a_bad_file_is_named_and_the_rest_of_the_batch_continues(outsider, tmp_path):
    (tmp_path / "a_good.txt").write_text((FIXTURES / "ao3_flat_single.txt").read_text())
    (tmp_path / "b_bad.epub").write_bytes(b"PK\x03\x04 this is no archive")
    (tmp_path / "c_binary.txt").write_bytes(b"\xff\xfe\x00\x81 not text")
    _out, err, code = run("--as", "outsider", tmp_path)
    assert code == 1
    assert "b_bad.epub: not an EPUB (not a zip archive)" in err
    assert "c_binary.txt: not UTF-8 text" in err
    assert Work.objects.count() == 1


def test_zip_archives_import_and_zip_bombs_are_refused(outsider, tmp_path, settings):
    archive = tmp_path / "works.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zipped:
        zipped.writestr(
            "../../escape/ao3_flat_single.txt", (FIXTURES / "ao3_flat_single.txt").read_text()
        )
        zipped.writestr("notes/cover.png", "skipped: not a format the importer reads")
    _out, _, code = run("--as", "outsider", archive)
    assert code == 0 and Work.objects.count() == 1
    assert not (tmp_path.parent / "escape").exists()  # nothing is ever extracted to disk
    bomb = tmp_path / "bomb.zip"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zipped:
        zipped.writestr("big.txt", "a" * (2 * 2**20))
    settings.IMPORT_MAX_BATCH_BYTES = 2**20
    _, err, code = run("--as", "outsider", bomb)
    assert code == 1 and "unpacks to more than the batch limit" in err


def test_fanfold_html_download_round_trips(author, outsider, tmp_path):
    work = WorkFactory(
        author=author, title="Round Trip", summary="<p>Summary here.</p>", notes="<p>Notes here.</p>",
        end_notes="<p>End here.</p>", fandoms=("Fandom One", "Fandom Two"), characters=("Ann", "Ben"),
        freeforms=("Tea & Cake",), expected_chapters=2, body="<p>First <em>chapter</em> text.</p>",
    )  # fmt: skip
    add_chapter(
        work,
        Chapter(
            title="Second",
            notes="<p>Chapter notes.</p>",
            body="<p>Second text.</p>",
            end_notes="<p>Bye.</p>",
        ),
        post=True,
    )
    place_work_in_series(work, [author.default_pseud], SeriesPlacement(new_title="Trips"))
    original = with_details(Work.objects.all()).get(pk=work.pk)
    html = render_html(work_book(work_content(original), settings.SITE_URL))
    path = tmp_path / "round_trip.html"
    path.write_bytes(html)
    out, _, _ = run("--dry-run", "--json", path)
    parsed = json.loads(out)
    assert parsed["title"] == "Round Trip" and parsed["creators"] == ["author"]
    assert parsed["fandoms"] == ["Fandom One", "Fandom Two"] and parsed["freeforms"] == [
        "Tea & Cake"
    ]
    assert parsed["series"] == [{"title": "Trips", "position": 1}]
    assert (parsed["summary"], parsed["notes"], parsed["end_notes"]) == (
        "<p>Summary here.</p>",
        "<p>Notes here.</p>",
        "<p>End here.</p>",
    )
    assert [c["title"] for c in parsed["chapters"]] == ["", "Second"]
    assert [c["body"] for c in parsed["chapters"]] == [
        "<p>First <em>chapter</em> text.</p>",
        "<p>Second text.</p>",
    ]
    assert (
        parsed["chapters"][1]["notes"] == "<p>Chapter notes.</p>"
        and parsed["chapters"][1]["end_notes"] == "<p>Bye.</p>"
    )
    assert parsed["word_count"] == parsed["stated_word_count"] == original.word_count
    assert parsed["source_url"] == f"{settings.SITE_URL}/works/{work.pk}"
