"""EPUB 2 and 3: AO3's and Fanfold's downloads, FanFicFare's books, and any other EPUB.

XML is read with defusedxml (no entity expansion, no external entities); the archive is read
in memory within limits (zip bombs), never extracted.
"""

import copy
import posixpath
import re
import zipfile
import zlib
from io import BytesIO

from defusedxml import DefusedXmlException, ElementTree
from django.conf import settings
from django.utils.html import escape
from lxml import html

from fanfold.imports.labels import apply_stats, field_for, parse_date, split_values
from fanfold.imports.notices import TAGS_FROM_EPUB_SUBJECTS
from fanfold.imports.parsed import ImportError_, ParsedChapter, ParsedWork
from fanfold.imports.parsers import reader_tools
from fanfold.imports.parsers.ao3_html import inner_html, looks_like_ao3, parse_ao3_document
from fanfold.imports.parsers.ao3_text import looks_like_ao3_text, parse_ao3_text, with_headings

NS = {
    "opf": "http://www.idpf.org/2007/opf",
    "dc": "http://purl.org/dc/elements/1.1/",
    "ncx": "http://www.daisy.org/z3986/2005/ncx/",
    "container": "urn:oasis:names:tc:opendocument:xmlns:container",
}
# Everything a damaged archive can raise while being read (found by the fuzz tests).
UNREADABLE = (
    zipfile.BadZipFile,
    OSError,
    EOFError,
    zlib.error,
    RuntimeError,
    NotImplementedError,
    ValueError,
)
UTF8_HTML = html.HTMLParser(encoding="utf-8")
_STATS_LABEL = re.compile(r"^\s*Stats:", re.MULTILINE)
_TITLE_PAGE_LINE = re.compile(r"^\s*([A-Za-z][A-Za-z ]{1,30}):\s*(.+)$")


class _Book:
    def __init__(self, data: bytes) -> None:
        try:
            self.zip = zipfile.ZipFile(BytesIO(data))
        except UNREADABLE:
            raise ImportError_("not an EPUB (not a zip archive)") from None
        members = self.zip.infolist()
        if len(members) > settings.IMPORT_MAX_ZIP_MEMBERS:
            raise ImportError_(f"more than {settings.IMPORT_MAX_ZIP_MEMBERS} files inside")
        if sum(m.file_size for m in members) > settings.IMPORT_MAX_BATCH_BYTES:
            raise ImportError_("unpacks to more than the batch limit (a zip bomb?)")

    def read(self, name: str) -> bytes:
        try:
            return self.zip.read(name)
        except KeyError:
            raise ImportError_(f"“{name}” is missing from the EPUB") from None
        except UNREADABLE as error:
            raise ImportError_(f"“{name}” could not be unpacked ({error})") from None

    def xml(self, name: str):
        try:
            return ElementTree.fromstring(self.read(name))
        except DefusedXmlException as error:
            raise ImportError_(
                f"“{name}” uses forbidden XML features ({type(error).__name__})"
            ) from None
        except (ElementTree.ParseError, ValueError) as error:
            raise ImportError_(f"“{name}” is not well-formed XML ({error})") from None


def parse_epub(data: bytes) -> ParsedWork:
    book = _Book(data)
    container = book.xml("META-INF/container.xml")
    rootfile = container.find(".//container:rootfile", NS)
    if rootfile is None:
        raise ImportError_("no package document named in META-INF/container.xml")
    opf_path = rootfile.get("full-path", "")
    opf = book.xml(opf_path)
    folder = posixpath.dirname(opf_path)
    documents = _spine(opf, folder)
    titles = _toc_titles(book, opf, folder)
    bodies = [(path, _body(book, path)) for path in documents]
    whole = unsplit([body for _, body in bodies])
    if looks_like_ao3(whole):
        work = parse_ao3_document(whole)
    elif any(_looks_like_flattened_ao3(_text_lines(body)) for _, body in bodies[:3]):
        work = _flattened_ao3(bodies, titles)
    else:
        work = _generic(bodies, titles)
    _metadata(opf, work)
    return work


def _spine(opf, folder: str) -> list[str]:
    manifest = {
        item.get("id"): item.get("href", "")
        for item in opf.iterfind(".//opf:manifest/opf:item", NS)
    }
    paths = [
        posixpath.normpath(posixpath.join(folder, manifest.get(ref.get("idref"), "")))
        for ref in opf.iterfind(".//opf:spine/opf:itemref", NS)
    ]
    if not paths:
        raise ImportError_("the EPUB's spine lists no documents")
    return paths


def _toc_titles(book: _Book, opf, folder: str) -> dict[str, str]:
    """Chapter titles from the EPUB 2 NCX (most readers' and FanFicFare's table of contents)."""
    ncx_item = next(
        (
            item
            for item in opf.iterfind(".//opf:manifest/opf:item", NS)
            if item.get("media-type") == "application/x-dtbncx+xml"
        ),
        None,
    )
    if ncx_item is None:
        return {}
    try:
        ncx = book.xml(posixpath.normpath(posixpath.join(folder, ncx_item.get("href", ""))))
    except ImportError_:
        return {}
    titles: dict[str, str] = {}
    for point in ncx.iterfind(".//ncx:navPoint", NS):
        label = point.find("ncx:navLabel/ncx:text", NS)
        content = point.find("ncx:content", NS)
        if label is not None and content is not None:
            path = posixpath.normpath(posixpath.join(folder, content.get("src", "").split("#")[0]))
            titles.setdefault(path, (label.text or "").strip())
    return titles


def _body(book: _Book, path: str):
    # EPUB content documents are UTF-8; lxml's HTML parser would guess Latin-1.
    document = html.fromstring(book.read(path), parser=UTF8_HTML)
    body = document.find(".//body")
    return body if body is not None else document


def unsplit(bodies):
    """One body from a book's pages, undoing calibre's splitting (AO3's e-books are made by
    calibre, which cuts the download into `*_split_NNN` files at page breaks and repeats, at the
    top of each file, copies of the elements the cut went through). A page that starts with a
    copy of the element the previous page ended with continues that element."""
    whole = copy.deepcopy(bodies[0])
    for body in bodies[1:]:
        _continue(whole, body)
    return whole


def _continue(target, source) -> None:
    children = list(source)
    last = target[-1] if len(target) else None
    if children and last is not None and _copy_of(last, children[0]):
        _continue(last, children[0])
        children = children[1:]
    for child in children:
        target.append(copy.deepcopy(child))


def _copy_of(element, other) -> bool:
    return (
        isinstance(element.tag, str)
        and element.tag == other.tag
        and bool(element.attrib)
        and dict(element.attrib) == dict(other.attrib)
    )


def _looks_like_flattened_ao3(text: str) -> bool:
    """AO3's preface as paragraphs (its page may follow a cover); "Stats:" is AO3's own label,
    which FanFicFare's title page, also "Label: value" lines, does not use."""
    return looks_like_ao3_text(text) and _STATS_LABEL.search(text) is not None


def _flattened_ao3(bodies, titles: dict[str, str]) -> ParsedWork:
    """AO3's download with its markup flattened to paragraphs (MOBI 6, and EPUBs converted from
    it): read as text, chapters told apart by the table of contents."""
    preface: list[str] = []
    chapters: list[tuple[str, str]] = []
    for path, body in bodies:
        title, text = titles.get(path, ""), _text_lines(body, paragraph_break="\n\n")
        if _looks_like_table_of_contents(body) and not looks_like_ao3_text(text):
            continue  # calibre's MOBI output ends with a page listing the chapters
        if title and title.strip().lower() not in {"preface", "afterword"}:
            chapters.append((title, text))
        elif chapters:
            chapters[-1] = (chapters[-1][0], chapters[-1][1] + "\n" + text)
        else:
            preface.append(text)
    return parse_ao3_text(with_headings("\n".join(preface), chapters))


def _generic(bodies, titles: dict[str, str]) -> ParsedWork:
    work = ParsedWork()
    work_notes: dict[str, str] = {}
    for path, body in bodies:
        text = _text_lines(body)
        if reader_tools.is_fanficfare_title_page(body):
            reader_tools.read_fanficfare_title_page(body, work)
        elif reader_tools.is_fichub_introduction(body):
            reader_tools.read_fichub_introduction(body, work)
        elif "fff_chapter" in (body.get("class") or ""):
            chapter, notes = reader_tools.read_fanficfare_chapter(body, titles.get(path, ""))
            work.chapters.append(chapter)
            work_notes.update(notes)
        elif _looks_like_title_page(text):
            _title_page(text, work)
        elif not (_looks_like_table_of_contents(body) or not text.strip()):
            work.chapters.append(_chapter(body, path, titles))
    if not work.chapters:
        raise ImportError_("the EPUB holds no chapter text")
    work.notes = work.notes or work_notes.get("notes", "")
    work.end_notes = work.end_notes or work_notes.get("end_notes", "")
    if len(work.chapters) == 1 and work.chapters[0].title == work.title:
        work.chapters[0].title = ""  # a one-chapter work's only chapter is named after it
    if work.completed and work.expected_chapters is None:
        work.expected_chapters = len(work.chapters)  # a finished work has all its chapters
    return work


def _chapter(body, path: str, titles: dict[str, str]) -> ParsedChapter:
    heading = body.find(".//h1") if body.find(".//h1") is not None else body.find(".//h2")
    if heading is None:
        heading = body.find(".//h3")
    title = titles.get(path) or (heading.text_content().strip() if heading is not None else "")
    if heading is not None and heading.text_content().strip() == title:
        heading.getparent().remove(heading)
    return ParsedChapter(title=reader_tools.chapter_title(title), body=inner_html(body))


BLOCKS = {
    "p",
    "div",
    "br",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "tr",
    "dt",
    "dd",
    "blockquote",
}


def _text_lines(element, paragraph_break: str = "\n") -> str:
    """The text of a page with a line break after each <br> and `paragraph_break` after each
    other block (one line each on title pages; a blank line between paragraphs for prose).

    Recursion is bounded: lxml refuses trees deeper than 256 levels unless asked.
    """
    parts = [element.text or ""]
    parts += [_text_lines(child, paragraph_break) + (child.tail or "") for child in element]
    if element.tag in BLOCKS:
        parts.append("\n" if element.tag == "br" else paragraph_break)
    return "".join(parts)


def _looks_like_title_page(text: str) -> bool:
    labels = [m.group(1) for m in map(_TITLE_PAGE_LINE.match, text.splitlines()) if m]
    known = [
        label
        for label in labels
        if field_for(label)
        or label.lower() in {"published", "updated", "words", "chapters", "status", "summary"}
    ]
    return len(known) >= 3


def _looks_like_table_of_contents(body) -> bool:
    links = body.findall(".//a")
    return len(links) >= 2 and len(body.text_content()) < 60 * len(links)


def _title_page(text: str, work: ParsedWork) -> None:
    """FanFicFare's title page: "Label: value" lines."""
    for line in text.splitlines():
        match = _TITLE_PAGE_LINE.match(line)
        if not match:
            continue
        label, value = match.group(1).strip(), match.group(2).strip()
        field = field_for(label)
        if field in {"rating", "language"}:
            setattr(work, field, value)
        elif field and field not in {"stats", "series", "collections"}:
            setattr(work, field, split_values(value))
        elif label.lower() in {"published", "updated", "words", "chapters"}:
            apply_stats(work, f"{label}: {value}")
        elif label.lower() == "summary":
            work.summary = f"<p>{escape(value)}</p>"


def _metadata(opf, work: ParsedWork) -> None:
    """The package document fills what the pages did not say."""
    metadata = opf.find("opf:metadata", NS)
    if metadata is None:
        return

    def texts(tag: str) -> list[str]:
        return [
            (element.text or "").strip()
            for element in metadata.iterfind(f"dc:{tag}", NS)
            if (element.text or "").strip()
        ]

    work.title = work.title or next(iter(texts("title")), "")
    work.creators = work.creators or texts("creator")
    work.language = work.language or next(iter(texts("language")), "")
    if not work.summary and texts("description"):
        paragraphs = texts("description")[0].split("\n\n")
        work.summary = "".join(f"<p>{escape(p.strip())}</p>" for p in paragraphs if p.strip())
    if not work.published and texts("date"):
        work.published = parse_date(texts("date")[0][:10])
    source = next((s for s in texts("source") if s.startswith("http")), "")
    work.source_url = work.source_url or source
    if not (work.fandoms or work.freeforms or work.characters) and texts("subject"):
        work.freeforms = texts("subject")
        work.warnings_found.append(TAGS_FROM_EPUB_SUBJECTS)
    if not work.series:
        work.series = _series(metadata)


def _series(metadata) -> list[dict]:
    collection = next(
        (
            m
            for m in metadata.iterfind("opf:meta", NS)
            if m.get("property") == "belongs-to-collection"
        ),
        None,
    )
    if collection is not None:
        position = next(
            (
                m.text
                for m in metadata.iterfind("opf:meta", NS)
                if m.get("refines") == f"#{collection.get('id')}"
                and m.get("property") == "group-position"
            ),
            None,
        )
        return [
            {
                "title": (collection.text or "").strip(),
                "position": int(position) if position and position.isdigit() else None,
            }
        ]
    calibre = {
        m.get("name"): m.get("content") for m in metadata.iterfind("opf:meta", NS) if m.get("name")
    }
    if calibre.get("calibre:series"):
        index = (calibre.get("calibre:series_index") or "").split(".")[0]
        return [
            {
                "title": calibre["calibre:series"],
                "position": int(index) if index.isdigit() else None,
            }
        ]
    return []
