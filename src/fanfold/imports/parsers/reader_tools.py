"""Pages written by readers' tools into their EPUBs: FanFicFare's title page and chapters (as its
EPUB writer and AO3 adapter make them) and FicHub's introduction page (fichub.net's template).

FanFicFare's AO3 defaults put the fandoms under "Category:" and the additional tags together
with AO3's categories under "Genre:", sort every list, and print only the number of chapters.
"""

import re

from lxml import etree

from fanfold.imports.labels import apply_stats, split_values
from fanfold.imports.parsed import ParsedChapter, ParsedWork
from fanfold.imports.parsers.ao3_html import inner_html
from fanfold.tags.models import CATEGORIES

_LABEL = re.compile(r"^\s*([A-Za-z][A-Za-z ]{1,30}):\s*(.*)$", re.DOTALL)
_NUMBERED_TITLE = re.compile(r"^\d+\.\s+")
_UNTITLED = re.compile(r"^Chapter\s+\d+$", re.IGNORECASE)
_SERIES = re.compile(r"^(.*)\s\[(\d+)\]$")
FANFICFARE_NOTES = {
    "summary for the chapter": "summary",
    "notes for the chapter": "notes",
    "author's note": "notes",
}


def _classes(element) -> set[str]:
    return set((element.get("class") or "").split())


def chapter_title(text: str) -> str:
    """ "2. Arrivals" (AO3's navigation numbering) is "Arrivals"; "Chapter 2" is untitled."""
    title = _NUMBERED_TITLE.sub("", " ".join(text.split()))
    return "" if _UNTITLED.match(title) else title


def is_fanficfare_title_page(body) -> bool:
    return "fff_titlepage" in _classes(body)


def read_fanficfare_title_page(body, work: ParsedWork) -> None:
    heading = body.find(".//h3")
    if heading is not None and heading.find("a") is not None:
        work.title = " ".join(heading.find("a").text_content().split())
        work.creators = [" ".join(a.text_content().split()) for a in heading.findall("a")[1:]]
    status = ""
    for bold in body.iter("b"):
        label = bold.text_content().strip().rstrip(":").lower()
        value = _value_after(bold)
        if label == "status":
            status = value.lower()
        _apply_fanficfare_field(label, value, bold, work)
    if status == "completed":  # (the dates come after the status on the page)
        work.completed = work.updated or work.published


def _value_after(bold) -> str:
    """The text after a <b>Label:</b> up to the next <br/>."""
    parts = [bold.tail or ""]
    for sibling in bold.itersiblings():
        if sibling.tag in {"br", "b"}:
            break
        parts.append(sibling.text_content() + (sibling.tail or ""))
    return " ".join("".join(parts).split())


def _apply_fanficfare_field(label: str, value: str, bold, work: ParsedWork) -> None:
    if label == "category":
        work.fandoms = split_values(value)
    elif label == "genre":
        values = split_values(value)
        fixed = {name.lower() for name in CATEGORIES}
        work.categories = [v for v in values if v.lower() in fixed]
        work.freeforms = [v for v in values if v.lower() not in fixed]
    elif label in {"characters", "relationships", "warnings"}:
        setattr(work, label, split_values(value))
    elif label in {"rating", "language"}:
        setattr(work, label, value)
    elif label == "series":
        match = _SERIES.match(value)
        if match:
            work.series = [{"title": match.group(1), "position": int(match.group(2))}]
    elif label in {"published", "updated", "words"}:
        apply_stats(work, f"{label}: {value}")
    elif label == "summary":
        summary = bold.getnext()
        work.summary = (
            inner_html(summary) if summary is not None and summary.tag == "div" else value
        )


def read_fanficfare_chapter(body, title: str) -> tuple[ParsedChapter, dict[str, str]]:
    """A chapter page: its text, the chapter's notes, and any notes of the whole work (FanFicFare
    puts the work's notes at the head of the first chapter and its end notes after the last)."""
    heading = body.find(".//h3")
    chapter = ParsedChapter(
        title=chapter_title(heading.text_content() if heading is not None else title)
    )
    work_notes: dict[str, str] = {}
    for block in body.iter("div"):
        classes = _classes(block)
        if "userstuff" in classes and "module" in classes:
            chapter.body = inner_html(block)
        elif "fff_head_notes" in classes or "fff_foot_notes" in classes:
            _read_notes(block, "fff_foot_notes" in classes, chapter, work_notes)
    return chapter, work_notes


def _read_notes(block, at_foot: bool, chapter: ParsedChapter, work_notes: dict) -> None:
    for bold in block.findall("b"):
        label = bold.text_content().strip().rstrip(":").lower()
        quote = bold.getnext()
        if label not in FANFICFARE_NOTES or quote is None or quote.tag != "blockquote":
            continue
        text = inner_html(quote)
        if label == "author's note":
            work_notes["end_notes" if at_foot else "notes"] = text
        elif at_foot:
            chapter.end_notes = text
        else:
            setattr(chapter, FANFICFARE_NOTES[label], text)


def is_fichub_introduction(body) -> bool:
    return "Exported with the assistance of" in body.text_content() and any(
        "fichub.net" in (a.get("href") or "") for a in body.iter("a")
    )


def read_fichub_introduction(body, work: ParsedWork) -> None:
    """fichub.net's epub_introduction.html: title, "By:", the description, then "Label: value"
    paragraphs (Status, Published, Updated, Words, Chapters, Original source)."""
    heading = body.find(".//h1")
    work.title = " ".join(heading.text_content().split()) if heading is not None else ""
    summary: list[str] = []
    chapters, complete = None, False
    for paragraph in body.findall("p"):
        text = " ".join(paragraph.text_content().split())
        match = _LABEL.match(text)
        label, value = (match.group(1).lower(), match.group(2)) if match else ("", "")
        if label == "by":
            work.creators = split_values(value)
        elif label in {"published", "updated", "words"}:
            apply_stats(work, text)
        elif label == "chapters":
            chapters = int(value) if value.isdigit() else None
        elif label == "status":
            complete = value.lower() == "complete"
        elif label == "original source":
            link = paragraph.find("a")
            work.source_url = link.get("href", "") if link is not None else ""
        elif not label and work.creators and not work.published:
            summary.append(etree.tostring(paragraph, encoding="unicode", method="html"))
    work.summary = "".join(part for part in summary if part.strip() != "<p></p>")
    if complete:
        work.completed = work.updated or work.published
        work.expected_chapters = chapters
