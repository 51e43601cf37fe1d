"""Original EPUB and DOCX fixtures, built in memory (all-ages placeholder stories)."""

import io
import zipfile

CONTAINER = """<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
<rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles></container>"""


def epub(
    opf_metadata: str,
    pages: dict[str, str],
    toc: dict[str, str] | None = None,
    container: str = CONTAINER,
) -> bytes:
    buffer = io.BytesIO()
    # Compressed like real EPUBs (only the mimetype is stored), so fuzzing reaches zlib.
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as book:
        book.writestr("mimetype", "application/epub+zip", compress_type=zipfile.ZIP_STORED)
        book.writestr("META-INF/container.xml", container)
        manifest = "".join(
            f'<item id="p{n}" href="{name}" media-type="application/xhtml+xml"/>'
            for n, name in enumerate(pages)
        )
        spine = "".join(f'<itemref idref="p{n}"/>' for n in range(len(pages)))
        if toc:
            manifest += '<item id="ncx" href="toc.ncx" media-type="application/x-dtbncx+xml"/>'
            points = "".join(
                f'<navPoint id="n{n}"><navLabel><text>{label}</text></navLabel><content src="{src}"/></navPoint>'
                for n, (src, label) in enumerate(toc.items())
            )
            book.writestr(
                "OEBPS/toc.ncx",
                f'<ncx xmlns="http://www.daisy.org/z3986/2005/ncx/"><navMap>{points}</navMap></ncx>',
            )
        book.writestr(
            "OEBPS/content.opf",
            f'<package xmlns="http://www.idpf.org/2007/opf" version="2.0"><metadata xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:opf="http://www.idpf.org/2007/opf">{opf_metadata}</metadata>'
            f"<manifest>{manifest}</manifest><spine>{spine}</spine></package>",
        )
        for name, body in pages.items():
            book.writestr(
                f"OEBPS/{name}",
                f'<?xml version="1.0" encoding="utf-8"?><html xmlns="http://www.w3.org/1999/xhtml"><head><title>x</title></head><body>{body}</body></html>',
            )
    return buffer.getvalue()


def title_page_epub() -> bytes:
    """A title page of "Label: value" lines (real FanFicFare books: reader_tools/)."""
    title_page = (
        "<h3>The Clockmaker's Apprentice</h3><div>by tick_tock_writer</div><div>"
        "<b>Rating:</b> General Audiences<br/><b>Fandom:</b> Original Work<br/>"
        "<b>Characters:</b> Ada, The Clockmaker<br/><b>Additional Tags:</b> Clocks, Apprenticeship<br/>"
        "<b>Published:</b> 2020-02-02<br/><b>Updated:</b> 2020-03-03<br/><b>Words:</b> 1,234<br/>"
        "<b>Chapters:</b> 2/2<br/><b>Summary:</b> A clock that runs backwards.<br/></div>"
    ).replace("<br/>", "<br/>\n")
    metadata = (
        "<dc:title>The Clockmaker's Apprentice</dc:title><dc:creator>tick_tock_writer</dc:creator>"
        "<dc:language>en</dc:language><dc:source>https://archiveofourown.org/works/555</dc:source>"
        "<dc:subject>Clocks</dc:subject>"
    )
    pages = {
        "title_page.xhtml": title_page,
        "file0001.xhtml": "<h3>Gears</h3><p>Ada oiled every gear twice.</p><p>The clock ticked backwards.</p>",
        "file0002.xhtml": "<h3>Springs</h3><p>The spring wound itself at midnight.</p>",
    }
    toc = {"file0001.xhtml": "Gears", "file0002.xhtml": "Springs"}
    return epub(metadata, pages, toc)


def generic_epub() -> bytes:
    metadata = (
        "<dc:title>Notes From The Harbour</dc:title><dc:creator>harbour_keeper</dc:creator>"
        "<dc:language>fr</dc:language><dc:description>Small stories of boats.</dc:description>"
        "<dc:subject>Boats</dc:subject><dc:subject>Sea</dc:subject><dc:date>2018-07-01</dc:date>"
        '<meta name="calibre:series" content="Harbour Tales"/><meta name="calibre:series_index" content="3"/>'
    )
    pages = {
        "one.xhtml": "<h1>Morning</h1><p>Les bateaux rentrent.</p>",
        "two.xhtml": "<h1>Evening</h1><p>La mer dort.</p>",
    }
    return epub(metadata, pages, {"one.xhtml": "Morning", "two.xhtml": "Evening"})


def entity_attack_epub() -> bytes:
    container = '<?xml version="1.0"?><!DOCTYPE c [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><container>&b;</container>'
    return epub("<dc:title>x</dc:title>", {"a.xhtml": "<p>x</p>"}, container=container)


def docx(paragraphs: list[tuple[str, str]]) -> bytes:
    """(style, text) pairs; style "" is normal text, "Heading1"/"Heading2" headings."""
    body = "".join(
        f"<w:p>{f'<w:pPr><w:pStyle w:val={chr(34)}{style}{chr(34)}/></w:pPr>' if style else ''}<w:r><w:t>{text}</w:t></w:r></w:p>"
        for style, text in paragraphs
    )
    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    styles = "".join(
        f'<w:style w:type="paragraph" w:styleId="Heading{n}"><w:name w:val="heading {n}"/></w:style>'
        for n in (1, 2)
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as document:
        document.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/></Types>',
        )
        document.writestr(
            "_rels/.rels",
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
        )
        document.writestr(
            "word/_rels/document.xml.rels",
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>',
        )
        document.writestr(
            "word/styles.xml", f'<?xml version="1.0"?><w:styles {ns}>{styles}</w:styles>'
        )
        document.writestr(
            "word/document.xml",
            f'<?xml version="1.0"?><w:document {ns}><w:body>{body}</w:body></w:document>',
        )
    return buffer.getvalue()
