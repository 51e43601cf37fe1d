"""AO3 downloads flattened to plain text (saved from a browser, converted from PDF or EPUB).

The HTML is gone: labels stand on their own lines with values after them, the download's
CSS may survive as one line at the top, and paragraph breaks may be lost ("the door.Then").
"""

import itertools
import re

from django.utils.html import escape

from fanfold.imports.labels import apply_stats, field_for, parse_series, source_url, split_values
from fanfold.imports.notices import NO_BYLINE, PARAGRAPHS_RESTORED
from fanfold.imports.parsed import ImportError_, ParsedChapter, ParsedWork

_CSS_LINE = re.compile(r"^[^{}]*\{[^{}]*:[^{}]*\}")
_CHAPTER = re.compile(r"^Chapter\s+(\d+)(?:\s*:\s*(.*))?$", re.IGNORECASE)
_STAT_VALUE = re.compile(r"^[0-9][0-9,/?\-]*$")
_INLINE_LABEL = re.compile(r"^([A-Za-z ]+):\s*(.*)$")
_RUN_TOGETHER = re.compile(r"(?<=[a-z][.!?])(?=[A-Z])|(?<=[a-z][.!?][\"”’])(?=[A-Z])")
SKIPPED = (
    "see the end of the work for",  # "more notes", or "notes" when there are none before
    "see the end of the chapter for",
    "please drop by the archive and comment",
)
# Related works: AO3 lists them in the preface only, after the work's notes
# (otwarchive's downloads/_download_preface.html.erb); in the story they are its own words.
RELATED_WORKS = ("translation into ", "a translation of ", "inspired by ")
BLOCK_MARKERS = {
    "summary": "summary",
    "notes": "notes",
    "chapter summary": "chapter summary",
    "chapter notes": "chapter notes",
    "chapter end notes": "chapter end notes",
    "end notes": "end notes",
    "afterword": "afterword",
}


def looks_like_ao3_text(text: str) -> bool:
    return sum(1 for line in text.splitlines()[:80] if _is_label(line)) >= 3


def parse_ao3_text(text: str) -> ParsedWork:
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    lines = [line for line in lines if not _CSS_LINE.match(line)]
    work = ParsedWork(source_url=source_url(text))
    lines = [
        line for line in lines if not line.strip().lower().startswith("posted originally on the")
    ]
    position = _preface(lines, work)
    position = _title_and_byline(lines, position, work)
    _body(lines[position:], work)
    if not work.chapters or not any(chapter.body for chapter in work.chapters):
        raise ImportError_("no chapter text after the preface")
    return work


def with_headings(preface: str, chapters: list[tuple[str, str]]) -> str:
    """Flattened text whose chapters are known apart (a PDF's outline, an e-book's table of
    contents) but headed by bare titles, as AO3 prints them: each chapter gets the
    "Chapter N: Title" line this parser reads, in place of its bare title."""
    parts = [preface]
    for number, (title, text) in enumerate(chapters, start=1):
        lines = text.split("\n")
        first = next((i for i, line in enumerate(lines) if line.strip()), None)
        if first is not None and lines[first].split() == title.split():
            del lines[first]
        untitled = len(chapters) == 1 or _CHAPTER.match(title.strip())
        parts += ["", f"Chapter {number}" if untitled else f"Chapter {number}: {title}", *lines]
    return "\n".join(parts)


def _label_of(line: str) -> tuple[str, str] | None:
    """The field a preface label line names and any value after it on the same line."""
    match = _INLINE_LABEL.match(line.strip())
    field = field_for(match.group(1)) if match else None
    return (field, match.group(2)) if match and field else None


def _is_label(line: str) -> bool:
    return _label_of(line) is not None


def _preface(lines: list[str], work: ParsedWork) -> int:
    """Reads "Label:" blocks; returns where the repeated title after the preface starts.

    Blank lines and indentation may come anywhere (PDF and e-book conversions put blank lines
    between a label and its value): a blank line never ends a field, only the first line after
    the stats that is neither a stat nor a blank does.
    """
    first = next((i for i, line in enumerate(lines) if _is_label(line)), None)
    if first is None:
        raise ImportError_("no AO3 preface labels (Rating:, Fandom:, ...) found")
    values: dict[str, list[str]] = {}
    field, index = None, first
    while index < len(lines):
        stripped = lines[index].strip()
        label = _label_of(stripped)
        if label is not None:
            field = label[0]
            values.setdefault(field, []).append(label[1])
        elif field == "stats" and (_looks_like_stat(stripped) or _STAT_VALUE.match(stripped)):
            values[field].append(stripped)
        elif stripped and (field == "stats" or field is None):
            break
        elif stripped and field is not None:
            values[field].append(stripped)
        index += 1
    _apply(values, work)
    return index


def _looks_like_stat(line: str) -> bool:
    return bool(
        re.match(
            r"^(Published|Updated|Completed|Words|Chapters|Comments|Kudos|Bookmarks|Hits):",
            line,
            re.I,
        )
    )


def _apply(values: dict[str, list[str]], work: ParsedWork) -> None:
    for field, parts in values.items():
        text = "\n".join(part for part in parts if part)
        if field == "stats":
            apply_stats(work, text)
        elif field == "series":
            work.series = parse_series(text)
        elif field in {"rating", "language"}:
            setattr(work, field, " ".join(text.split()))
        elif field != "collections":
            setattr(work, field, split_values(text))


def _title_and_byline(lines: list[str], position: int, work: ParsedWork) -> int:
    """AO3 repeats the title and "by <creator>" after the preface (within a few lines of
    text: blank lines, however many a conversion left, do not count)."""
    text_lines = (index for index in range(position, len(lines)) if lines[index].strip())
    for index in itertools.islice(text_lines, 12):
        line = lines[index].strip()
        if line.lower().startswith("by ") and index > position:
            title_line = next(
                (lines[i].strip() for i in range(index - 1, position - 1, -1) if lines[i].strip()),
                "",
            )
            work.title = title_line
            work.creators = split_values(line[3:])
            return index + 1
    work.warnings_found.append(NO_BYLINE)
    return position


def _body(lines: list[str], work: ParsedWork) -> None:
    chapter: ParsedChapter | None = None
    block: str | None = None
    buffer: list[str] = []

    def flush() -> None:
        nonlocal buffer
        text = "\n".join(buffer).strip()
        buffer = []
        if not text:
            return
        if block == "summary":
            work.summary = _html(text)
        elif block == "notes":
            work.notes = _html(text)
        elif block == "end notes":
            work.end_notes = _html(text)
        elif chapter is not None and block in {
            "chapter summary",
            "chapter notes",
            "chapter end notes",
        }:
            setattr(
                chapter,
                {
                    "chapter summary": "summary",
                    "chapter notes": "notes",
                    "chapter end notes": "end_notes",
                }[block],
                _html(text),
            )
        elif block != "afterword":
            target = chapter or _new_chapter(work)
            target.body = (target.body + "\n" if target.body else "") + _html(text, work)

    one_paragraph = _one_paragraph_blocks(lines)
    for line in lines:
        stripped = line.strip()
        lowered = stripped.lower().rstrip(":")
        heading = _CHAPTER.match(stripped)
        # The preface ends where the story's text begins (asked only of a related-works line:
        # a long one-shot's whole text waits in the buffer).
        related_in_preface = lowered.startswith(RELATED_WORKS) and (
            not work.chapters and (block is not None or not any(p.strip() for p in buffer))
        )
        if any(lowered.startswith(skip) for skip in SKIPPED) or related_in_preface:
            if block in one_paragraph or block in {"summary", "notes"}:
                flush()  # "See the end of the chapter for more notes" closes the notes
                block = None
            continue
        if heading:
            flush()
            chapter, block = ParsedChapter(title=(heading.group(2) or "").strip()), None
            work.chapters.append(chapter)
        elif lowered in BLOCK_MARKERS:
            flush()
            block = BLOCK_MARKERS[lowered]
        elif not stripped and block in one_paragraph and any(part.strip() for part in buffer):
            # The story follows a labelled block with no heading of its own: a blank line after
            # the block's text ends it (blank lines before its text do not).
            flush()
            block = None
        else:
            buffer.append(line)
    flush()


def _one_paragraph_blocks(lines: list[str]) -> set[str]:
    """Blocks that end at a blank line. A chapter's summary and notes always do (its text follows);
    the work's summary and notes only when no chapter heading follows them."""
    chaptered = any(_CHAPTER.match(line.strip()) for line in lines)
    ends = {"chapter summary", "chapter notes"}
    return ends if chaptered else ends | {"summary", "notes"}


def _new_chapter(work: ParsedWork) -> ParsedChapter:
    work.chapters.append(ParsedChapter())
    return work.chapters[-1]


def _html(text: str, work: ParsedWork | None = None) -> str:
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    if work is not None and len(paragraphs) == 1 and _RUN_TOGETHER.search(paragraphs[0]):
        paragraphs = [p.strip() for p in _RUN_TOGETHER.split(paragraphs[0]) if p.strip()]
        work.warnings_found.append(PARAGRAPHS_RESTORED)
    return "\n".join("<p>" + escape(p).replace("\n", "<br>") + "</p>" for p in paragraphs)
