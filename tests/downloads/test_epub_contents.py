"""An EPUB's table of contents (nav.xhtml and toc.ncx) names each section it points at."""

import io
import zipfile

import lxml.etree
import lxml.html
from django.urls import reverse

from tests.downloads.fixtures import multichapter_work

# Each contents entry and a sentence only its own section holds.
EXPECTED = [
    ("Preface", "A summary with emphasis"),
    ("Chapter 1: Arrivals", "First chapter text"),
    ("Chapter 2: The Middle of Things", "Second chapter"),
    ("Chapter 3", "Third, untitled."),
    ("Afterword", "Work end notes."),
]
NCX = "{http://www.daisy.org/z3986/2005/ncx/}"


def section_text(epub: zipfile.ZipFile, href: str) -> str:
    return lxml.html.fromstring(epub.read(f"OEBPS/{href}")).text_content()


def test_every_contents_entry_points_at_its_own_section(author, guest):
    work = multichapter_work(author)
    response = guest.get(reverse("downloads:work", args=[work.pk, "name", "epub"]))
    epub = zipfile.ZipFile(io.BytesIO(response.content))
    nav = lxml.html.fromstring(epub.read("OEBPS/nav.xhtml"))
    nav_entries = [(a.text_content(), a.get("href")) for a in nav.iter("a")]
    ncx = lxml.etree.fromstring(epub.read("OEBPS/toc.ncx"))
    ncx_entries = [
        (point.findtext(f"{NCX}navLabel/{NCX}text"), point.find(f"{NCX}content").get("src"))
        for point in ncx.iter(f"{NCX}navPoint")
    ]
    for entries in (nav_entries, ncx_entries):
        assert [label for label, _ in entries] == [label for label, _ in EXPECTED]
        for (_, href), (label, sentence) in zip(entries, EXPECTED, strict=True):
            assert sentence in section_text(epub, href), label
