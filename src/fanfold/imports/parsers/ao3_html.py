"""AO3's HTML download (and Fanfold's, which keeps its layout): preface, chapters, afterword."""

import codecs
import re
from html import escape

from lxml import etree, html

from fanfold.imports.labels import apply_stats, field_for, parse_series, source_url, split_values
from fanfold.imports.parsed import ImportError_, ParsedChapter, ParsedWork

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


def looks_like_ao3(document) -> bool:
    return bool(document.xpath("//dl[contains(concat(' ', @class, ' '), ' tags ')]"))


def read_html(data: bytes):
    try:
        return html.fromstring(data, parser=html.HTMLParser(encoding=_encoding(data)))
    except (etree.ParserError, ValueError) as error:
        raise ImportError_(f"not readable as HTML ({error})") from None


def parse_ao3_html(data: bytes) -> ParsedWork:
    document = read_html(data)
    if not looks_like_ao3(document):
        raise ImportError_("not an AO3-style download (no tag list in a preface)")
    work = ParsedWork()
    _preface(document, work)
    _chapters(document, work)
    _afterword(document, work)
    work.source_url = source_url(document.text_content())
    return work


def _preface(document, work: ParsedWork) -> None:
    tags = document.xpath("//dl[contains(concat(' ', @class, ' '), ' tags ')]")[0]
    for term in tags.findall("dt"):
        definition = term.getnext()
        if definition is None or definition.tag != "dd":
            continue
        field = field_for(term.text_content())
        value = definition.text_content()
        if field is None:
            work.warnings_found.append(
                f"Unknown preface label “{term.text_content().strip()}” was ignored."
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
    if not containers:
        raise ImportError_("no chapters found (no element with id “chapters”)")
    chapter: ParsedChapter | None = None
    for element in containers[0].iterdescendants():
        classes = _classes(element)
        if element.tag == "h2" and "toc-heading" in classes:
            chapter = ParsedChapter(title=_chapter_title(element.text_content()))
            work.chapters.append(chapter)
        elif element.tag == "div" and "meta" in classes:
            chapter = chapter or _first_chapter(work)
            if chapter.body:
                chapter.end_notes = _labelled(element, "Chapter End Notes")
            else:
                chapter.summary = _labelled(element, "Chapter Summary")
                chapter.notes = _labelled(element, "Chapter Notes")
        elif (
            element.tag == "div"
            and "userstuff" in classes
            and not _inside_userstuff(element, containers[0])
        ):
            chapter = chapter or _first_chapter(work)
            chapter.body = inner_html(element)
    if not work.chapters or not any(chapter.body for chapter in work.chapters):
        raise ImportError_("the chapters hold no text")


def _first_chapter(work: ParsedWork) -> ParsedChapter:
    work.chapters.append(ParsedChapter())
    return work.chapters[-1]


def _inside_userstuff(element, container) -> bool:
    parent = element.getparent()
    while parent is not None and parent is not container:
        if "userstuff" in _classes(parent) and parent.tag != "blockquote":
            return True
        parent = parent.getparent()
    return False


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
