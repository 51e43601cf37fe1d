"""EPUB 3 written directly (with an EPUB 2 NCX for older readers); valid under epubcheck.

Writing the zip ourselves costs little more than compressing it (bench/downloads.py):
tens of milliseconds where Calibre's ebook-convert takes a second or more.
"""

import io
import zipfile
from collections.abc import Callable
from xml.sax.saxutils import escape, quoteattr

from django.utils import timezone
from lxml import etree, html

from fanfold.downloads.book import Book
from fanfold.downloads.html_file import stylesheet

XHTML = "http://www.w3.org/1999/xhtml"
IMAGE_TYPES = {"image/png": "png", "image/jpeg": "jpg", "image/gif": "gif", "image/webp": "webp"}
ImageFetcher = Callable[[str], tuple[bytes, str] | None]


class _Images:
    """Images from chapters, fetched once each and stored in the book, or left out with a note."""

    def __init__(self, fetch: ImageFetcher | None) -> None:
        self.fetch = fetch
        self.files: dict[str, tuple[str, bytes, str]] = {}  # url -> (name, data, media type)

    def embed(self, fragment: etree._Element) -> None:
        for image in fragment.iter("img"):
            url = image.get("src", "")
            stored = self._stored(url)
            if stored is None:
                note = etree.Element("span", {"class": "missing-image"})
                note.text = f"[Image not included: {image.get('alt') or url}]"
                note.tail = image.tail
                image.getparent().replace(image, note)
            else:
                image.set("src", f"images/{stored}")
                image.set("alt", image.get("alt", ""))

    def _stored(self, url: str) -> str | None:
        if url in self.files:
            return self.files[url][0]
        fetched = (
            self.fetch(url) if self.fetch and url.startswith(("http://", "https://")) else None
        )
        if fetched is None or fetched[1] not in IMAGE_TYPES:
            return None
        name = f"image-{len(self.files) + 1}.{IMAGE_TYPES[fetched[1]]}"
        self.files[url] = (name, fetched[0], fetched[1])
        return name


def _xhtml_body(fragment_html: str, images: _Images) -> str:
    """HTML5 from the sanitiser, re-serialised as well-formed XHTML."""
    wrapper = html.fragment_fromstring(fragment_html, create_parent="div")
    images.embed(wrapper)
    for element in wrapper.iter():
        # Anchors in an EPUB resolve per file; internal jumps become plain text targets.
        if element.tag == "a" and element.get("href", "").startswith("#"):
            del element.attrib["href"]
    return etree.tostring(wrapper, encoding="unicode", method="xml")


def _page(book: Book, title: str, body: str) -> str:
    lang = book.language.code
    direction = "rtl" if book.language.rtl else "ltr"
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html>\n'
        f'<html xmlns="{XHTML}" xmlns:epub="http://www.idpf.org/2007/ops" xml:lang="{lang}" lang="{lang}" dir="{direction}">\n'
        f'<head><meta charset="utf-8"/><title>{escape(title)}</title>'
        '<link rel="stylesheet" type="text/css" href="style.css"/></head>\n'
        f"<body>{body}</body>\n</html>\n"
    )


def render_epub(book: Book, fetch_image: ImageFetcher | None = None) -> bytes:
    images = _Images(fetch_image)
    pages = [
        (
            f"{section.key}.xhtml",
            section,
            _page(book, section.nav_title, _xhtml_body(section.html, images)),
        )
        for section in book.sections
    ]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        # The mimetype entry must come first and be stored uncompressed (OCF).
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/epub+zip", zipfile.ZIP_STORED)
        archive.writestr("META-INF/container.xml", CONTAINER)
        archive.writestr("OEBPS/style.css", stylesheet())
        archive.writestr("OEBPS/nav.xhtml", _nav(book, pages))
        archive.writestr("OEBPS/toc.ncx", _ncx(book, pages))
        for name, _, page in pages:
            archive.writestr(f"OEBPS/{name}", page)
        for name, data, _ in images.files.values():
            archive.writestr(f"OEBPS/images/{name}", data)
        archive.writestr("OEBPS/content.opf", _opf(book, pages, images))
    return buffer.getvalue()


CONTAINER = """<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles>
</container>
"""


def _opf(book: Book, pages, images: _Images) -> str:
    modified = timezone.now().strftime("%Y-%m-%dT%H:%M:%SZ")
    metadata = [
        f'<dc:identifier id="book-id">{escape(book.identifier)}</dc:identifier>',
        f"<dc:title>{escape(book.title)}</dc:title>",
        f"<dc:language>{escape(book.language.code)}</dc:language>",
        f'<meta property="dcterms:modified">{modified}</meta>',
        f"<dc:source>{escape(book.url)}</dc:source>",
    ]
    metadata += [f"<dc:creator>{escape(name)}</dc:creator>" for name in book.creators]
    if book.date:
        metadata.append(f"<dc:date>{escape(book.date)}</dc:date>")
    if book.summary:
        summary_text = html.fragment_fromstring(book.summary, create_parent="div").text_content()
        metadata.append(f"<dc:description>{escape(summary_text.strip())}</dc:description>")
    metadata += [f"<dc:subject>{escape(subject)}</dc:subject>" for subject in book.subjects]
    for number, (position, title, _) in enumerate(book.series, start=1):
        metadata += [
            f'<meta property="belongs-to-collection" id="series-{number}">{escape(title)}</meta>',
            f'<meta refines="#series-{number}" property="collection-type">series</meta>',
            f'<meta refines="#series-{number}" property="group-position">{position}</meta>',
        ]
    manifest = [
        '<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>',
        '<item id="ncx" href="toc.ncx" media-type="application/x-dtbncx+xml"/>',
        '<item id="style" href="style.css" media-type="text/css"/>',
    ]
    manifest += [
        f'<item id="{section.key}" href="{name}" media-type="application/xhtml+xml"/>'
        for name, section, _ in pages
    ]
    manifest += [
        f'<item id="img-{index}" href="images/{name}" media-type="{media_type}"/>'
        for index, (name, _, media_type) in enumerate(images.files.values(), start=1)
    ]
    spine = "".join(f'<itemref idref="{section.key}"/>' for _, section, _ in pages)
    direction = ' page-progression-direction="rtl"' if book.language.rtl else ""
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        f'<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="book-id" xml:lang="{book.language.code}">\n'
        '<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">\n'
        + "\n".join(metadata)
        + "\n</metadata>\n"
        "<manifest>\n" + "\n".join(manifest) + "\n</manifest>\n"
        f'<spine toc="ncx"{direction}>{spine}</spine>\n</package>\n'
    )


def _nav(book: Book, pages) -> str:
    items = "".join(
        f'<li><a href="{name}">{escape(section.nav_title)}</a></li>' for name, section, _ in pages
    )
    body = f'<nav epub:type="toc" id="toc"><h1>{escape(book.title)}</h1><ol>{items}</ol></nav>'
    return _page(book, book.title, body)


def _ncx(book: Book, pages) -> str:
    points = "".join(
        f'<navPoint id="nav-{order}" playOrder="{order}"><navLabel><text>{escape(section.nav_title)}</text></navLabel>'
        f"<content src={quoteattr(name)}/></navPoint>"
        for order, (name, section, _) in enumerate(pages, start=1)
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<ncx xmlns="http://www.daisy.org/z3986/2005/ncx/" version="2005-1">'
        f'<head><meta name="dtb:uid" content={quoteattr(book.identifier)}/></head>'
        f"<docTitle><text>{escape(book.title)}</text></docTitle><navMap>{points}</navMap></ncx>\n"
    )
