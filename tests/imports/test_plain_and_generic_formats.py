"""Plain text, HTML, Markdown and DOCX that are not AO3 downloads: titles and chapters found."""

import pytest

from fanfold.imports.parsed import ImportError_
from fanfold.imports.parsers.generic import parse_docx, parse_html_file, parse_markdown
from fanfold.imports.parsers.plain_text import parse_plain_text


def chapters(work) -> list[tuple[str, str]]:
    return [(chapter.title, chapter.body) for chapter in work.chapters]


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_plain_text_splits_chapters_on_headings_with_any_line_ending(newline):
    text = newline.join(
        [
            "Chapter 1: Arrival",
            "The boat came in.   ",
            "Its sail was red.",
            "",
            "Pim waited.",
            "",
            "Chapter 2",
            "The end.",
        ]
    )
    work = parse_plain_text(text, "Fallback Title")
    assert work.title == "Fallback Title"
    assert chapters(work) == [
        # One line break inside a paragraph, whatever the file's line endings; trailing
        # spaces dropped at the break.
        ("Arrival", "<p>The boat came in.<br>Its sail was red.</p>\n<p>Pim waited.</p>"),
        ("", "<p>The end.</p>"),
    ]
    assert work.warnings_found == [
        "Plain text has no tags: add a rating, warnings and fandoms after importing."
    ]


def test_plain_text_without_headings_is_one_chapter():
    work = parse_plain_text("Just one paragraph.\n\nAnd another.", "Notes")
    assert chapters(work) == [("", "<p>Just one paragraph.</p>\n<p>And another.</p>")]


@pytest.mark.parametrize("text", ["", "  \n\n \t", "Chapter 1\n\nChapter 2\n"])
def test_plain_text_without_words_is_refused(text):
    with pytest.raises(ImportError_, match=r"^the file holds no text$"):
        parse_plain_text(text, "Empty")


def test_markdown_takes_the_first_heading_as_title_and_the_next_level_as_chapters():
    work = parse_markdown("# Big Title\n\nintro text\n\n## One\n\nfirst\n\n## Two\n\nsecond", "F")
    assert work.title == "Big Title"
    assert chapters(work) == [
        ("", "<p>intro text</p>"),
        ("One", "<p>first</p>"),
        ("Two", "<p>second</p>"),
    ]


def test_markdown_with_only_top_headings_uses_the_later_ones_as_chapters():
    work = parse_markdown("# A\n\none\n\n# B\n\ntwo", "F")
    assert (work.title, chapters(work)) == ("A", [("", "<p>one</p>"), ("B", "<p>two</p>")])


def test_markdown_without_headings_takes_the_file_name_as_title():
    work = parse_markdown("plain words only", "From The File Name")
    assert (work.title, chapters(work)) == ("From The File Name", [("", "<p>plain words only</p>")])


def test_html_page_title_wins_over_its_first_heading():
    page = (
        b"<html><head><title> Page Title </title></head><body><h1>Heading</h1><p>x</p>"
        b"<h2>C1</h2><p>a</p></body></html>"
    )
    work = parse_html_file(page, "F")
    assert (work.title, chapters(work)) == ("Page Title", [("", "<p>x</p>"), ("C1", "<p>a</p>")])


def test_html_fragment_without_a_body_is_one_chapter():
    work = parse_html_file(b"<p>no body tag</p><p>two</p>", "Fragment")
    assert (work.title, chapters(work)) == ("Fragment", [("", "<p>no body tag</p><p>two</p>")])


@pytest.mark.parametrize(
    ("declaration", "encoding", "title"),
    [
        # Word's "Save as Web Page"; and a Japanese site's page, the name in capitals.
        (
            '<meta http-equiv=Content-Type content="text/html; charset=windows-1252">',
            "cp1252",
            "Café “Lumière”",
        ),
        (
            '<meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS">',
            "shift_jis",
            "灯台の猫",
        ),
    ],
)
def test_html_in_the_charset_it_declares_is_read_in_it(declaration, encoding, title):
    page = (
        f"<html><head>{declaration}<title>{title}</title></head><body><p>{title}.</p></body></html>"
    )
    work = parse_html_file(page.encode(encoding), "F")
    assert (work.title, chapters(work)) == (title, [("", f"<p>{title}.</p>")])


@pytest.mark.parametrize(
    "head",
    [
        "",
        '<head><meta http-equiv="Content-Type" content="text/html; charset=x-user-defined"></head>',
    ],
)
def test_html_without_a_charset_python_knows_is_read_as_utf8(head):
    work = parse_html_file(f"<html>{head}<body><p>Café — 灯台</p></body></html>".encode(), "F")
    assert chapters(work) == [("", "<p>Café — 灯台</p>")]


def test_an_empty_html_file_is_refused_with_the_parsers_reason():
    with pytest.raises(ImportError_, match=r"^not readable as HTML \(Document is empty\)$"):
        parse_html_file(b" \n", "F")


def test_html_with_a_heading_and_nothing_else_is_refused():
    with pytest.raises(ImportError_, match=r"^the file holds no text$"):
        parse_html_file(b"<html><body><h1>Only</h1></body></html>", "F")


def test_html_keeps_loose_text_between_blocks_and_writes_line_breaks_as_html():
    page = b"<html><body><p>One<br>two</p>\nloose words<hr>\n<p>three</p></body></html>"
    work = parse_html_file(page, "F")
    assert chapters(work) == [("", "<p>One<br>two</p>\nloose words<hr>\n<p>three</p>")]


def test_a_file_that_is_not_a_docx_is_refused_by_name():
    with pytest.raises(ImportError_, match=r"not a readable DOCX file \(BadZipFile\)"):
        parse_docx(b"plain bytes, not a zip", "F")
