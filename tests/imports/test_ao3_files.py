"""AO3's own downloads, as AO3 makes them, read back field by field through `fanfold import`.

The HTML is rendered from otwarchive's templates (ao3_download.py); the EPUB, AZW3, MOBI and PDF
were made from it by calibre with AO3's options (make_ao3_ebooks.py). The expected values come
from the synthetic works themselves (ao3_works.py), never from the importer.
"""

import io
import json
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest
from django.urls import reverse
from lxml import html as lxml_html

from fanfold.imports.models import PendingImport
from fanfold.works.models import Work as StoredWork
from tests.imports.ao3_download import Work, download_html
from tests.imports.ao3_works import WORKS
from tests.imports.test_import_command import run
from tests.imports.test_web_import import upload

EBOOKS = Path(__file__).with_name("ao3_ebooks")


def text_of(fragment: str) -> str:
    """What a reader sees of an HTML fragment, whitespace folded (markup may differ by format)."""
    if not fragment.strip():
        return ""
    element = lxml_html.fragment_fromstring(fragment, create_parent="div")
    for line_break in element.iter("br"):
        line_break.tail = "\n" + (line_break.tail or "")
    return " ".join(element.text_content().replace("\xa0", " ").split())


def expected_fields(work: Work) -> dict:
    revised = work.revised if work.published < work.revised else None
    return {
        "title": work.title,
        "creators": [creator.byline for creator in work.creators],
        "rating": ", ".join(work.rating),
        "warnings": work.warnings,
        "categories": work.categories,
        "fandoms": work.fandoms,
        "relationships": work.relationships,
        "characters": work.characters,
        "freeforms": work.freeforms,
        "language": work.language,
        "series": [{"title": title, "position": position} for position, title, _ in work.series],
        "published": work.published.isoformat(),
        "updated": revised.isoformat() if revised else None,
        "completed": revised.isoformat() if revised and not work.is_wip else None,
        "expected_chapters": work.expected_chapters,
        "stated_word_count": work.words,
        "source_url": work.url,
        "summary": text_of(work.summary),
        "notes": text_of(work.notes),
        "end_notes": text_of(work.end_notes),
        "chapters": [
            {
                "title": chapter.title,
                "summary": text_of(chapter.summary),
                "notes": text_of(chapter.notes),
                "end_notes": text_of(chapter.end_notes),
                "body": text_of(chapter.body),
            }
            for chapter in work.chapters
        ],
    }


def read_fields(line: dict) -> dict:
    """The JSON line reduced to the same shape: prose compared as text."""
    fields = {key: line[key] for key in expected_fields(WORKS["one_shot"]) if key in line}
    for key in ("summary", "notes", "end_notes"):
        fields[key] = text_of(line[key])
    fields["chapters"] = [
        {key: text_of(value) if key != "title" else value for key, value in chapter.items()}
        for chapter in line["chapters"]
    ]
    return fields


def dry_run(*paths) -> dict[str, dict]:
    out, err, code = run("--dry-run", "--json", *paths)
    assert code == 0, err
    return {Path(line["source"]).name: line for line in map(json.loads, out.splitlines())}


@pytest.fixture
def html_downloads(tmp_path) -> Path:
    for name, work in WORKS.items():
        (tmp_path / f"{name}.html").write_text(download_html(work), encoding="utf-8")
    return tmp_path


def test_every_html_download_reads_back_every_field(db, html_downloads):
    lines = dry_run(html_downloads)
    assert set(lines) == {f"{name}.html" for name in WORKS}
    for name, work in WORKS.items():
        assert read_fields(lines[f"{name}.html"]) == expected_fields(work), name
        assert lines[f"{name}.html"]["warnings_found"] == []


def test_aos_epubs_made_by_calibre_read_back_every_field(db):
    lines = dry_run(*sorted(EBOOKS.glob("*.epub")))
    assert len(lines) == 5
    for file_name, line in lines.items():
        assert read_fields(line) == expected_fields(WORKS[Path(file_name).stem]), file_name


def test_markup_survives_where_it_matters(db, html_downloads):
    """Text before the first tag, <br>-only paragraphs, entities, right-to-left text."""
    ledger = dry_run(html_downloads / "ledger.html")["ledger.html"]["chapters"]
    assert ledger[0]["body"].startswith("Mara counted the steps twice. <em>One hundred and")
    assert "brass &amp; salt" in ledger[0]["body"]
    assert '<span dir="rtl" lang="ar">مرحبا بالحارس</span>' in ledger[0]["body"]
    assert "Tobin\xa0Reed" in ledger[0]["body"]
    assert "<strong>3 &lt; 4</strong>" in ledger[1]["body"]
    fog = dry_run(html_downloads / "fog.html")["fog.html"]["chapters"]
    assert fog[1]["body"].count("<br>") == 3


def test_an_ao3_epub_uploaded_on_the_web_is_reviewed_with_its_fields(outsider_client):
    response = upload(outsider_client, "ledger.epub", (EBOOKS / "ledger.epub").read_bytes())
    assert response.url == reverse("imports:review", args=[PendingImport.objects.get().pk])
    page = outsider_client.get(response.url).content.decode()
    work = WORKS["ledger"]
    assert "The Lighthouse Keeper&#x27;s Ledger" in page
    assert f'value="{", ".join(work.fandoms)}"' in page
    assert 'value="Found Family, Storms &amp; Weather, Letters, Slice of Life"' in page
    assert "3 chapters" in page


def test_a_zip_of_ao3_downloads_is_imported_on_the_web_in_the_background(outsider, outsider_client):
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("fog.html", download_html(WORKS["fog"]))
        zipped.writestr("ledger_zh.epub", (EBOOKS / "ledger_zh.epub").read_bytes())
    response = upload(outsider_client, "downloads.zip", archive.getvalue())
    page = outsider_client.get(response.url).content.decode()
    assert "Fog Over the Breakwater</a>" in page and "灯塔守望者的账本</a>" in page
    fog = StoredWork.objects.get(title="Fog Over the Breakwater")
    assert fog.chapters.count() == 3 and fog.expected_chapters is None
    assert fog.series_memberships.get().series.title == "Harbour Lights"


def dry_run_html(folder: Path, page: str) -> dict:
    (folder / "work.html").write_text(page, encoding="utf-8")
    out, _, _ = run("--dry-run", "--json", folder / "work.html")
    return json.loads(out)


def test_a_first_chapter_named_after_the_work_keeps_its_title(db, tmp_path):
    ledger = WORKS["ledger"]
    first = replace(ledger.chapters[0], title=ledger.title)
    work = replace(ledger, chapters=[first, *ledger.chapters[1:]])
    line = dry_run_html(tmp_path, download_html(work))
    assert [chapter["title"] for chapter in line["chapters"]] == [
        ledger.title,
        "",
        "Still Waters & Lamplight",
    ]


def test_quotes_in_text_before_the_first_tag_are_left_as_they_are(db, tmp_path):
    fog = WORKS["fog"]
    first = replace(fog.chapters[0], body='"Is it the horn?" Mara asked. <em>It\'s the fog.</em>')
    line = dry_run_html(tmp_path, download_html(replace(fog, chapters=[first, *fog.chapters[1:]])))
    assert line["chapters"][0]["body"] == '"Is it the horn?" Mara asked. <em>It\'s the fog.</em>'


@pytest.mark.parametrize(
    ("cut_before", "error"),
    [
        ('<div id="chapters"', "no chapters found (no element with id “chapters”)"),
        ("<!--chapter content-->", "the chapters hold no text"),
    ],
)
def test_a_download_cut_off_before_its_text_is_refused_with_the_reason(
    db, tmp_path, cut_before, error
):
    page = download_html(WORKS["fog"])
    assert dry_run_html(tmp_path, page[: page.index(cut_before)])["error"] == error
