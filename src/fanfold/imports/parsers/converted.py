"""Formats read through outside tools: AZW3 and MOBI through calibre's ebook-convert (to EPUB),
and AO3's PDF through poppler's pdftotext and pdftohtml (its text, its outline).

Each tool runs on a temporary copy with a time limit; a missing tool is a clear per-file failure.
"""

import re
import shutil
import subprocess
import tempfile
from html import unescape
from pathlib import Path

from fanfold.imports.parsed import ImportError_, ParsedWork
from fanfold.imports.parsers.ao3_text import looks_like_ao3_text, parse_ao3_text, with_headings
from fanfold.imports.parsers.epub import parse_epub

TIMEOUT_SECONDS = 120
_OUTLINE_ITEM = re.compile(r'<item page="(\d+)">(.*?)</item>', re.DOTALL)
_BIDI_MARKS = re.compile("[\u202a-\u202e\u2066-\u2069]")
_FRAME = {"preface", "afterword"}  # AO3's outline entries that are not chapters


def _tool(name: str, package: str, suffix: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise ImportError_(
            f"{suffix.upper()} files are read with {name}, which is not installed here "
            f"(install Debian's {package} package)"
        )
    return path


def _run(command: list[str], name: str) -> bytes:
    try:
        result = subprocess.run(  # noqa: S603 - fixed programs, our own temporary paths
            command, capture_output=True, timeout=TIMEOUT_SECONDS, check=True
        )
    except subprocess.TimeoutExpired:
        raise ImportError_(f"{name} took longer than {TIMEOUT_SECONDS} seconds") from None
    except subprocess.CalledProcessError as error:
        detail = error.stderr.decode(errors="replace").strip().splitlines()[-1:] or ["failed"]
        raise ImportError_(f"{name} could not read the file ({detail[0][:200]})") from None
    return result.stdout


def parse_kindle(data: bytes, suffix: str) -> ParsedWork:
    """AZW3 keeps AO3's markup and reads like the EPUB; MOBI 6 flattens it to paragraphs."""
    tool = _tool("ebook-convert", "calibre", suffix.lstrip("."))
    with tempfile.TemporaryDirectory() as folder:
        source, target = Path(folder) / f"book{suffix}", Path(folder) / "book.epub"
        source.write_bytes(data)
        _run([tool, str(source), str(target)], "ebook-convert")
        return parse_epub(target.read_bytes())


def parse_pdf(data: bytes) -> ParsedWork:
    """AO3's PDF (calibre's, from the HTML download): the text page by page, with each chapter
    starting on the page its outline entry names."""
    if not data.startswith(b"%PDF"):
        raise ImportError_("not a PDF file (it does not start with %PDF)")
    pdftotext = _tool("pdftotext", "poppler-utils", "pdf")
    pdftohtml = _tool("pdftohtml", "poppler-utils", "pdf")
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "book.pdf"
        source.write_bytes(data)
        text = _run([pdftotext, "-layout", "-enc", "UTF-8", str(source), "-"], "pdftotext")
        outline = _run([pdftohtml, "-xml", "-i", "-q", "-stdout", str(source)], "pdftohtml")
    # pdftotext wraps right-to-left runs in bidi embedding marks, sometimes eating a space.
    pages = _BIDI_MARKS.sub(" ", text.decode("utf-8", errors="replace")).split("\f")
    if not looks_like_ao3_text(pages[0]):
        raise ImportError_("not an AO3 PDF (no preface labels on its first page)")
    starts = [
        (int(page), unescape(title).strip())
        for page, title in _OUTLINE_ITEM.findall(outline.decode("utf-8", errors="replace"))
        if unescape(title).strip().lower() not in _FRAME
    ]
    return parse_ao3_text(_chaptered_text(pages, starts))


def _chaptered_text(pages: list[str], starts: list[tuple[int, str]]) -> str:
    """The pages as flattened text, each chapter opened by the heading the text parser expects."""
    starts = sorted(start for start in starts if 1 < start[0] <= len(pages))
    if not starts:
        return "\n".join(pages)
    preface = "\n".join(pages[: starts[0][0] - 1])
    chapters = []
    for number, (page, title) in enumerate(starts):
        end = starts[number + 1][0] - 1 if number + 1 < len(starts) else len(pages)
        chapters.append((title, "\n".join(pages[page - 1 : end])))
    return with_headings(preface, chapters)
