"""Plain text that is not an AO3 download: chapters by "Chapter N" headings, else one chapter."""

from fanfold.imports.notices import PLAIN_TEXT_HAS_NO_TAGS
from fanfold.imports.parsed import ImportError_, ParsedWork
from fanfold.imports.parsers.ao3_text import _body


def parse_plain_text(text: str, fallback_title: str) -> ParsedWork:
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    work = ParsedWork(title=fallback_title)
    _body(lines, work)
    if not work.chapters or not any(chapter.body for chapter in work.chapters):
        raise ImportError_("the file holds no text")
    work.warnings_found.append(PLAIN_TEXT_HAS_NO_TAGS)
    return work
