"""The download formats: AO3's layout, valid EPUBs, readable PDFs, and file names."""

import io
import os
import shutil
import subprocess
import zipfile

import pytest
from django.conf import settings
from pypdf import PdfReader

from fanfold.downloads.book import work_book
from fanfold.downloads.content import work_content
from fanfold.downloads.epub import render_epub
from fanfold.downloads.html_file import render_html
from fanfold.downloads.naming import file_stem
from fanfold.downloads.pdf import render_pdf
from fanfold.series.placement import SeriesPlacement, place_work_in_series
from fanfold.works.listing import with_details
from fanfold.works.models import Work
from tests.downloads.fixtures import (
    anonymous_work,
    cjk_work,
    fake_fetch,
    multichapter_work,
    rtl_work,
)


def book_of(work):
    return work_book(
        work_content(with_details(Work.objects.all()).get(pk=work.pk)), settings.SITE_URL
    )


def html_of(work) -> str:
    return render_html(book_of(work)).decode()


@pytest.mark.parametrize(
    ("title", "stem"),
    [
        ("Tea at Half Past Four", "Tea_at_Half_Past_Four"),
        ("The Clockmaker's Apprentice Goes Home", "The_Clockmakers"),
        ("Salt & Honey: Part One", "Salt_Honey_Part_One"),
        ("灯台の記録", "DengTainoJiLu"),
        ("Supercalifragilisticexpialidocious Word", "Supercalifragilisticexpi"),
        ("!!!", "Work_7"),
    ],
)
def test_file_names_follow_ao3(title, stem):
    assert file_stem(title, "Work_7") == stem


def test_html_download_has_ao3s_preface_in_order(author):
    work = multichapter_work(author)
    series = place_work_in_series(
        work, [author.default_pseud], SeriesPlacement(new_title="Honey Saga")
    )
    page = html_of(work)
    assert (
        f'Posted originally on the <a href="{settings.SITE_URL}/">{settings.ARCHIVE_NAME}</a> at'
        in page
    )
    labels = [
        "Rating:",
        "Archive Warning:",
        "Fandom:",
        "Relationship:",
        "Characters:",
        "Additional Tags:",
        "Language:",
        "Series:",
        "Stats:",
    ]
    positions = [page.index(f"<dt>{label}</dt>") for label in labels]
    assert positions == sorted(positions)
    assert f'Part 1 of <a href="{settings.SITE_URL}/series/{series.pk}">Honey Saga</a>' in page
    assert "Words: " in page and "Chapters: 3/3" in page and "Completed: " in page
    assert "Salt &amp; Honey &lt;Part One&gt; 🍯" in page
    assert "See the end of the work for <a" in page
    for heading in ("Chapter 1: Arrivals", "Chapter 2: The Middle of Things", "Chapter 3</h2>"):
        assert heading in page
    for text in (
        "Chapter one summary.",
        "Chapter one notes.",
        "Chapter one end notes.",
        "Work end notes.",
        "Beginning notes.",
    ):
        assert text in page
    assert (
        "drop by the archive and comment</a> to let the creator know if you enjoyed their work!"
        in page
    )
    assert page.index("Work end notes.") > page.index("Third, untitled.")


def test_anonymous_works_say_anonymous_everywhere(author):
    work = anonymous_work(author)
    assert "by Anonymous" in html_of(work) and author.username not in html_of(work)
    with zipfile.ZipFile(io.BytesIO(render_epub(book_of(work)))) as epub:
        opf = epub.read("OEBPS/content.opf").decode()
    assert "<dc:creator>Anonymous</dc:creator>" in opf and author.username not in opf


def test_epub_metadata_and_structure(author):
    work = multichapter_work(author)
    place_work_in_series(work, [author.default_pseud], SeriesPlacement(new_title="Honey Saga"))
    with zipfile.ZipFile(io.BytesIO(render_epub(book_of(work), fake_fetch))) as epub:
        names = epub.namelist()
        assert (
            names[0] == "mimetype" and epub.getinfo("mimetype").compress_type == zipfile.ZIP_STORED
        )
        opf = epub.read("OEBPS/content.opf").decode()
        nav = epub.read("OEBPS/nav.xhtml").decode()
        chapter_one = epub.read("OEBPS/chapter-1.xhtml").decode()
        assert "OEBPS/toc.ncx" in names and "OEBPS/images/image-1.png" in names
    for fragment in (
        "<dc:title>Salt &amp; Honey &lt;Part One&gt; 🍯</dc:title>",
        "<dc:creator>author</dc:creator>",
        "<dc:language>en</dc:language>",
        "<dc:subject>Less &lt; More</dc:subject>",
        "<dc:description>A summary with emphasis &amp; an ampersand.</dc:description>",
        f"<dc:source>{settings.SITE_URL}/works/{work.pk}</dc:source>",
        'property="belongs-to-collection"',
        'property="group-position">1<',
    ):
        assert fragment in opf, fragment
    assert [
        line
        for line in (
            "Preface",
            "Chapter 1: Arrivals",
            "Chapter 2: The Middle of Things",
            "Chapter 3",
            "Afterword",
        )
        if line not in nav
    ] == []
    assert 'src="images/image-1.png"' in chapter_one
    assert "[Image not included: a lost picture]" in chapter_one


def test_right_to_left_and_cjk_are_marked(author):
    with zipfile.ZipFile(io.BytesIO(render_epub(book_of(rtl_work(author))))) as epub:
        assert 'page-progression-direction="rtl"' in epub.read("OEBPS/content.opf").decode()
        assert 'xml:lang="ar"' in epub.read("OEBPS/chapter-1.xhtml").decode()
        assert 'dir="rtl"' in epub.read("OEBPS/chapter-1.xhtml").decode()
    with zipfile.ZipFile(io.BytesIO(render_epub(book_of(cjk_work(author))))) as epub:
        assert 'xml:lang="ja"' in epub.read("OEBPS/chapter-1.xhtml").decode()


def test_pdf_has_every_chapter_title_and_an_outline(author):
    work = multichapter_work(author)
    data = render_pdf(render_html(book_of(work)), settings.SITE_URL)
    text = pdf_text(data)
    for title in ("Arrivals", "The Middle of Things", "Chapter 3", "Salt & Honey"):
        assert title in text
    outline = [item.title for item in _flatten(PdfReader(io.BytesIO(data)).outline)]
    assert [
        t
        for t in ("Chapter 1: Arrivals", "Chapter 2: The Middle of Things", "Chapter 3")
        if t not in outline
    ] == []


def test_pdf_embeds_a_font_that_covers_japanese(author):
    data = render_pdf(render_html(book_of(cjk_work(author))), settings.SITE_URL)
    assert "灯台守は毎晩ランプを灯した" in pdf_text(data)
    fonts = {
        str(font.get_object()["/BaseFont"])
        for page in PdfReader(io.BytesIO(data)).pages
        for font in page["/Resources"]["/Font"].values()
    }
    assert any("CJK" in font for font in fonts), fonts


def pdf_text(data: bytes) -> str:
    """Poppler's pdftotext (Debian's poppler-utils) reads mixed emoji/CJK fonts reliably."""
    if not shutil.which("pdftotext"):
        if os.environ.get("CI") == "true":
            pytest.fail("pdftotext is not installed; `make test-tools` installs poppler-utils.")
        pytest.skip("pdftotext is not installed; run `make test-tools`.")
    result = subprocess.run(["pdftotext", "-", "-"], input=data, capture_output=True, check=True)
    return result.stdout.decode()


def _flatten(outline):
    for item in outline:
        if isinstance(item, list):
            yield from _flatten(item)
        else:
            yield item
