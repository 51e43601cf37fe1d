"""AO3's HTML download (and Fanfold's, which keeps its layout): preface, chapters, afterword."""

import codecs
import re
from html import escape

from lxml import etree, html

from fanfold.imports.labels import apply_stats, field_for, parse_series, source_url, split_values
from fanfold.imports.notices import UNKNOWN_PREFACE_LABEL, notice
from fanfold.imports.parsed import ImportError_, ParsedChapter, ParsedWork

_CLASS_CHAPTER = "contains(concat(' ', @class, ' '), ' chapter ')"
_CHAPTER_HEADING = re.compile(r"^Chapter\s+\d+\s*(?::\s*(.*))?$", re.IGNORECASE | re.DOTALL)


def _classes(element) -> set[str]:
    return set((element.get("class") or "").split())


def inner_html(element) -> str:
    """The element's content as HTML; its leading text (before the first child) is escaped."""
    parts = [escape(element.text, quote=False) if element.text else ""]
    parts += [etree.tostring(child, encoding="unicode", method="html") for child in element]
    return "".join(parts).strip()


def _encoding(data: bytes) -> str:
    """Downloads are UTF-8; an explicit other charset near the top is honoured."""
    declared = re.search(rb"charset=[\"']?([A-Za-z0-9_-]+)", data[:2048])
    try:
        return codecs.lookup(declared.group(1).decode()).name if declared else "utf-8"
    except LookupError:
        return "utf-8"


def _preface_list(document):
    """The <dl> of preface labels (AO3 classes it "tags"; calibre may rename classes, so the
    labels decide): the first list with at least three labels AO3 prints."""
    for listing in document.iter("dl"):
        terms = [term.text_content() for term in listing.findall("dt")]
        if sum(field_for(term) is not None for term in terms) >= 3:
            return listing
    return None


def looks_like_ao3(document) -> bool:
    return _preface_list(document) is not None


def read_html(data: bytes):
    try:
        return html.fromstring(data, parser=html.HTMLParser(encoding=_encoding(data)))
    except (etree.ParserError, ValueError) as error:
        raise ImportError_(f"not readable as HTML ({error})") from None


def parse_ao3_html(data: bytes) -> ParsedWork:
    return parse_ao3_document(read_html(data))


def parse_ao3_document(document) -> ParsedWork:
    if not looks_like_ao3(document):
        raise ImportError_("not an AO3-style download (no tag list in a preface)")
    work = ParsedWork()
    _preface(document, work)
    _chapters(document, work)
    _afterword(document, work)
    work.source_url = source_url(document.text_content())
    return work


def _preface(document, work: ParsedWork) -> None:
    tags = _preface_list(document)
    for term in tags.findall("dt"):
        definition = term.getnext()
        if definition is None or definition.tag != "dd":
            continue
        field = field_for(term.text_content())
        value = definition.text_content()
        if field is None:
            work.warnings_found.append(
                notice(UNKNOWN_PREFACE_LABEL, label=term.text_content().strip())
            )
        elif field == "stats":
            apply_stats(work, value)
        elif field == "series":
            work.series = parse_series(value)
        elif field == "language":
            work.language = value.strip()
        elif field == "rating":
            work.rating = value.strip()
        elif field != "collections":
            setattr(work, field, split_values(value))
    heading = document.xpath("//h1")
    work.title = " ".join(heading[0].text_content().split()) if heading else ""
    byline = document.xpath("//*[contains(concat(' ', @class, ' '), ' byline ')]")
    if byline:
        text = " ".join(byline[0].text_content().split())
        work.creators = split_values(re.sub(r"^by\s+", "", text, flags=re.IGNORECASE))
    meta = tags.getparent()
    work.summary = _labelled(meta, "Summary")
    work.notes = _labelled(meta, "Notes")


def _labelled(container, label: str) -> str:
    """The blockquote after a <p>Label</p> inside one container (AO3's meta blocks)."""
    for paragraph in container.findall("p"):
        if paragraph.text_content().strip().rstrip(":").lower() == label.lower():
            following = paragraph.getnext()
            if following is not None and following.tag == "blockquote":
                return inner_html(following)
    return ""


def _chapters(document, work: ParsedWork) -> None:
    containers = document.xpath(
        "//*[@id='chapters' or contains(concat(' ', @class, ' '), ' chapters ')]"
    )
    # Fanfold's e-books put each chapter's div.chapter in a page of its own, with no container.
    blocks = list(containers[0]) if containers else document.xpath(f"//div[{_CLASS_CHAPTER}]")
    if not blocks:
        raise ImportError_("no chapters found (no element with id “chapters”)")
    _read_chapter_blocks(blocks, work)
    work.chapters = [chapter for chapter in work.chapters if chapter.body or chapter.title]
    if not work.chapters or not any(chapter.body for chapter in work.chapters):
        raise ImportError_("the chapters hold no text")
    if len(work.chapters) == 1 and work.chapters[0].title == work.title:
        work.chapters[0].title = ""  # a one-chapter download repeats the work's title


CHAPTER_LABELS = {
    "chapter summary": "summary",
    "chapter notes": "notes",
    "chapter end notes": "end_notes",
}


def _read_chapter_blocks(blocks, work: ParsedWork) -> None:
    """Walks the blocks of AO3's layout (a heading block with the chapter's title, summary and
    notes; the text; an end-notes block) and Fanfold's (each chapter in a div.chapter).

    Blocks are told apart by what they hold, not by class: calibre renames classes in e-books.
    """
    for block in blocks:
        if not isinstance(block.tag, str):
            continue  # comments such as <!--chapter content-->
        classes = _classes(block)
        if block.tag == "h2":
            work.chapters.append(ParsedChapter(title=_chapter_title(block.text_content())))
        elif "chapter" in classes and block.find("h2") is None:
            work.chapters.append(ParsedChapter())
            _read_chapter_blocks(block, work)
        elif "chapter" in classes:
            _read_chapter_blocks(block, work)
        elif _heading(block) is not None or _labels(block):
            _read_meta_block(block, work)
        elif block.text_content().strip():
            chapter = _current(work)
            if chapter.body:
                chapter = _new_chapter(work)
            chapter.body = inner_html(block)


def _heading(block):
    # Only the block's own heading: a chapter's text may hold headings of its own.
    return next((h for h in block.findall("h2") if "toc-heading" not in _classes(h)), None)


def _labels(block) -> dict[str, str]:
    """ "Chapter Summary", "Chapter Notes", "Chapter End Notes": the blockquote after each label."""
    found = {}
    for paragraph in block.findall("p"):
        field = CHAPTER_LABELS.get(paragraph.text_content().strip().rstrip(":").lower())
        following = paragraph.getnext()
        if field and following is not None and following.tag == "blockquote":
            found[field] = inner_html(following)
    return found


def _read_meta_block(block, work: ParsedWork) -> None:
    heading = _heading(block)
    chapter = _current(work)
    if heading is not None and (chapter.body or chapter.title):
        chapter = _new_chapter(work)
    if heading is not None:
        chapter.title = _chapter_title(heading.text_content())
    for field, value in _labels(block).items():
        setattr(chapter, field, value)


def _current(work: ParsedWork) -> ParsedChapter:
    return work.chapters[-1] if work.chapters else _new_chapter(work)


def _new_chapter(work: ParsedWork) -> ParsedChapter:
    work.chapters.append(ParsedChapter())
    return work.chapters[-1]


def _chapter_title(heading: str) -> str:
    match = _CHAPTER_HEADING.match(" ".join(heading.split()))
    return (match.group(1) or "").strip() if match else " ".join(heading.split())


def _afterword(document, work: ParsedWork) -> None:
    for afterword in document.xpath(
        "//*[@id='afterword' or contains(concat(' ', @class, ' '), ' afterword ')]"
    ):
        for meta in afterword.iter("div"):
            notes = _labelled(meta, "End Notes")
            if notes:
                work.end_notes = notes
                return
