"""AO3's AZW3 and MOBI (read through calibre's ebook-convert) and PDF (through poppler), field by
field against the synthetic works; and the clear message when a tool is missing."""

import os
import shutil
from pathlib import Path

import pytest

from fanfold.imports.parsers import converted
from tests.imports.ao3_works import WORKS
from tests.imports.test_ao3_files import EBOOKS, dry_run, expected_fields, read_fields
from tests.imports.test_import_command import run


def needs(tool: str, package: str) -> None:
    if shutil.which(tool):
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"{tool} is not installed; `make test-tools` installs {package}.")
    pytest.skip(f"{tool} is not installed; run `make test-tools`.")


def test_azw3_and_mobi_read_through_calibre_keep_every_field(db):
    needs("ebook-convert", "calibre")
    lines = dry_run(EBOOKS / "ledger.azw3", EBOOKS / "fog.mobi", EBOOKS / "one_shot.mobi")
    assert read_fields(lines["ledger.azw3"]) == expected_fields(WORKS["ledger"])
    assert read_fields(lines["fog.mobi"]) == expected_fields(WORKS["fog"])
    # A one-shot's only chapter is not headed by its title (the work's), nor named after it.
    assert read_fields(lines["one_shot.mobi"]) == expected_fields(WORKS["one_shot"])


def test_ao3_pdfs_read_through_pdftotext(db):
    needs("pdftotext", "poppler-utils")
    lines = dry_run(EBOOKS / "ledger.pdf", EBOOKS / "one_shot.pdf")
    assert read_fields(lines["ledger.pdf"]) == expected_fields(WORKS["ledger"])
    assert read_fields(lines["one_shot.pdf"]) == expected_fields(WORKS["one_shot"])


def test_without_the_tools_each_file_fails_with_a_clear_message(db, tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))  # nothing installed
    books = (EBOOKS / "ledger.azw3", EBOOKS / "fog.mobi", EBOOKS / "one_shot.pdf")
    out, _, code = run("--dry-run", *books)
    assert code == 1
    assert out.splitlines() == [
        f"failed: {EBOOKS / 'ledger.azw3'}: AZW3 files are read with ebook-convert, "
        "which is not installed here (install Debian's calibre package)",
        f"failed: {EBOOKS / 'fog.mobi'}: MOBI files are read with ebook-convert, "
        "which is not installed here (install Debian's calibre package)",
        f"failed: {EBOOKS / 'one_shot.pdf'}: PDF files are read with pdftotext, "
        "which is not installed here (install Debian's poppler-utils package)",
    ]


def failure(path) -> str:
    out, _, code = run("--dry-run", path)
    assert code == 1
    return out.strip()


def test_a_pdf_that_is_not_ao3s_is_refused_by_name(db):
    needs("pdftotext", "poppler-utils")
    # calibre's PDF of a plain-text story (ebook-convert story.txt story.pdf): no preface.
    # Kept apart from FIXTURES, which the import command's tests import whole and expect to pass.
    pdf = Path(__file__).with_name("not_ao3") / "calibre_story.pdf"
    assert failure(pdf) == (f"failed: {pdf}: not an AO3 PDF (no preface labels on its first page)")


def test_a_damaged_pdf_is_refused_with_the_tools_last_complaint(db, tmp_path):
    needs("pdftotext", "poppler-utils")
    pdf = tmp_path / "damaged.pdf"
    pdf.write_bytes(b"%PDF-1.7\nthe rest of the file is missing\n")
    assert failure(pdf) == (
        f"failed: {pdf}: pdftotext could not read the file (Syntax Error: Couldn't read xref table)"
    )


def test_pdftohtml_missing_alone_is_named(db, tmp_path, monkeypatch):
    needs("pdftotext", "poppler-utils")
    (tmp_path / "pdftotext").symlink_to(shutil.which("pdftotext"))
    monkeypatch.setenv("PATH", str(tmp_path))
    pdf = EBOOKS / "one_shot.pdf"
    assert failure(pdf) == (
        f"failed: {pdf}: PDF files are read with pdftohtml, which is not installed here "
        "(install Debian's poppler-utils package)"
    )


def test_a_tool_that_does_not_finish_is_given_up(db, tmp_path, monkeypatch):
    tools = tmp_path / "bin"
    tools.mkdir()
    for name in ("pdftotext", "pdftohtml"):
        (tools / name).write_text("#!/bin/sh\nexec sleep 30\n")
        (tools / name).chmod(0o755)
    monkeypatch.setenv("PATH", f"{tools}:{os.environ['PATH']}")
    monkeypatch.setattr(converted, "TIMEOUT_SECONDS", 1)
    pdf = EBOOKS / "one_shot.pdf"
    assert failure(pdf) == f"failed: {pdf}: pdftotext took longer than 1 seconds"
