"""The eleven files from issue 12 in one `fanfold import --dry-run --json`: AO3 HTML downloads in
English and Chinese, complete and WIP (3/?), parts 1, 2 and 14 of series, a translation, AO3's
own EPUBs, a FanFicFare EPUB and a FicHub EPUB, each read back field by field.

FanFicFare's and FicHub's books were written by the tools' own code (make_reader_tool_ebooks.py);
what each tool keeps of a work, and so what can be read back, is spelled out in its oracle below.
"""

import shutil
from pathlib import Path

from fanfold.works.models import Work as StoredWork
from tests.imports.ao3_download import Work, download_html
from tests.imports.ao3_works import WORKS
from tests.imports.test_ao3_files import EBOOKS, dry_run, expected_fields, read_fields, text_of
from tests.imports.test_import_command import run

READER_TOOLS = Path(__file__).with_name("reader_tools")


def expected_from_fanficfare(work: Work) -> dict:
    """FanFicFare's AO3 defaults: every list sorted, only a chapter count, "Updated" always."""
    fields = expected_fields(work)
    for key in ("warnings", "categories", "fandoms", "relationships", "characters", "freeforms"):
        fields[key] = sorted(fields[key])
    fields["updated"] = work.revised.isoformat()
    fields["completed"] = work.revised.isoformat() if not work.is_wip else None
    fields["expected_chapters"] = len(work.chapters) if not work.is_wip else None
    return fields


def expected_from_fichub(work: Work) -> dict:
    """FicHub keeps the title, author, description, dates, counts, source and chapter text; no
    tags, no series, no notes, and it labels every book English."""
    fields = expected_fields(work)
    revised = work.revised if work.published < work.revised else None
    fields.update(
        creators=[creator.pseud for creator in work.creators],
        rating="",
        warnings=[],
        categories=[],
        fandoms=[],
        relationships=[],
        characters=[],
        freeforms=[],
        language="en",
        series=[],
        updated=revised.isoformat() if revised else None,
        completed=(revised or work.published).isoformat() if not work.is_wip else None,
        expected_chapters=len(work.chapters) if not work.is_wip else None,
        notes="",
        end_notes="",
    )
    for chapter, source in zip(fields["chapters"], work.chapters, strict=True):
        # EbookLib, which FicHub writes with, keeps a chapter's elements: text before the first
        # tag is lost on FicHub's side.
        kept = source.body[source.body.index("<") :] if "<" in source.body else ""
        chapter.update(summary="", notes="", end_notes="", body=text_of(kept))
    return fields


ELEVEN = {
    "ledger.html": ("ledger", expected_fields),  # English, complete, part 1, translated
    "fog.html": ("fog", expected_fields),  # English, WIP 3/?, part 2
    "ledger_zh.html": ("ledger_zh", expected_fields),  # Chinese translation, part 14
    "tide_zh.html": ("tide_zh", expected_fields),  # Chinese, WIP 3/?, four fandoms, RTL text
    "one_shot.html": ("one_shot", expected_fields),
    "ledger.epub": ("ledger", expected_fields),  # AO3's own EPUBs (calibre)
    "fog.epub": ("fog", expected_fields),
    "ledger_zh.epub": ("ledger_zh", expected_fields),
    "tide_zh.epub": ("tide_zh", expected_fields),
    "fanficfare_fog.epub": ("fog", expected_from_fanficfare),
    "fichub_ledger.epub": ("ledger", expected_from_fichub),
}


def test_the_eleven_real_shaped_files_all_import_with_the_right_fields(db, tmp_path):
    for file_name in ELEVEN:
        name = Path(file_name).stem
        if file_name.endswith(".html"):
            (tmp_path / file_name).write_text(download_html(WORKS[name]), encoding="utf-8")
        elif (EBOOKS / file_name).exists():
            shutil.copy(EBOOKS / file_name, tmp_path)
        else:
            shutil.copy(READER_TOOLS / file_name, tmp_path)
    lines = dry_run(tmp_path)
    assert sorted(lines) == sorted(ELEVEN)
    for file_name, (work_name, oracle) in ELEVEN.items():
        assert read_fields(lines[file_name]) == oracle(WORKS[work_name]), file_name


def test_fanficfare_one_chapter_chinese_work_keeps_the_work_notes(db):
    line = dry_run(READER_TOOLS / "fanficfare_ledger_zh.epub")["fanficfare_ledger_zh.epub"]
    assert read_fields(line) == expected_from_fanficfare(WORKS["ledger_zh"])
    assert text_of(line["notes"]) == "经作者同意翻译。"


def test_the_eleven_files_are_written_once_each_work_and_again_as_updates(outsider, tmp_path):
    for file_name in ELEVEN:
        name = Path(file_name).stem
        if file_name.endswith(".html"):
            (tmp_path / file_name).write_text(download_html(WORKS[name]), encoding="utf-8")
        else:
            shutil.copy(
                (EBOOKS if (EBOOKS / file_name).exists() else READER_TOOLS) / file_name, tmp_path
            )
    out, err, code = run("--as", "outsider", tmp_path)
    results = [line.split(":")[0] for line in out.splitlines()]
    assert code == 0, err
    assert (results.count("imported"), results.count("updated")) == (
        5,
        6,
    )  # one work per source URL
    translation = StoredWork.objects.get(title="灯塔守望者的账本")
    assert translation.language == "zh"
    membership = translation.series_memberships.get()
    # The dry run says part 14; a series here numbers its parts 1..n, so it is the first part
    # until parts 1 to 13 are imported (series.placement renumbers).
    assert (membership.series.title, membership.position) == ("港湾灯火", 1)
    harbour = StoredWork.objects.get(title="Fog Over the Breakwater").series_memberships.get()
    assert (harbour.series.title, harbour.position) == ("Harbour Lights", 2)
    wip = StoredWork.objects.get(title="潮汐之间")
    assert wip.expected_chapters is None and wip.chapters.count() == 3
