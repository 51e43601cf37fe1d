"""HTML that is not an AO3 download, Markdown and DOCX: a title, then chapters by heading."""

import io

import mammoth
from lxml import etree, html
from markdown_it import MarkdownIt

from fanfold.imports.parsed import ImportError_, ParsedChapter, ParsedWork
from fanfold.imports.parsers.ao3_html import looks_like_ao3, parse_ao3_html, read_html

HEADINGS = ("h1", "h2", "h3")


def parse_html_file(data: bytes, fallback_title: str) -> ParsedWork:
    document = read_html(data)
    if looks_like_ao3(document):
        return parse_ao3_html(data)
    return parse_generic_html(document, fallback_title)


def parse_generic_html(document, fallback_title: str) -> ParsedWork:
    """The <title> or first <h1> is the title; each <h2> (or <h1> after the first) starts a chapter."""
    body = document.find(".//body")
    body = body if body is not None else document
    page_title = document.findtext(".//title")
    headings = [element for element in body.iter() if element.tag in HEADINGS]
    work = ParsedWork(title=(page_title or "").strip())
    first_h1 = next((h for h in headings if h.tag == "h1"), None)
    if first_h1 is not None:
        work.title = work.title or first_h1.text_content().strip()
        first_h1.getparent().remove(first_h1)
    work.title = work.title or fallback_title
    chapter_level = "h2" if any(h.tag == "h2" for h in headings) else "h1"
    chapter = ParsedChapter()
    parts: list[str] = []
    for child in list(body):
        if child.tag == chapter_level:
            _close(work, chapter, parts)
            chapter, parts = ParsedChapter(title=child.text_content().strip()), []
        else:
            parts.append(etree.tostring(child, encoding="unicode", method="html", with_tail=True))
    _close(work, chapter, parts)
    if not work.chapters:
        raise ImportError_("the file holds no text")
    return work


def _close(work: ParsedWork, chapter: ParsedChapter, parts: list[str]) -> None:
    chapter.body = "".join(parts).strip()
    if chapter.body or chapter.title:
        work.chapters.append(chapter)


def parse_markdown(text: str, fallback_title: str) -> ParsedWork:
    rendered = MarkdownIt("commonmark").render(text)
    return parse_generic_html(
        html.fromstring(f"<html><body>{rendered}</body></html>"), fallback_title
    )


def parse_docx(data: bytes, fallback_title: str) -> ParsedWork:
    try:
        result = mammoth.convert_to_html(io.BytesIO(data))
    except Exception as error:
        raise ImportError_(f"not a readable DOCX file ({type(error).__name__})") from None
    work = parse_generic_html(
        html.fromstring(f"<html><body>{result.value}</body></html>"), fallback_title
    )
    work.warnings_found += [message.message for message in result.messages][:5]
    return work
