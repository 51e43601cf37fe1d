"""Makes the FanFicFare and FicHub EPUB fixtures with the tools' own code, from the synthetic works.

FanFicFare: its real AO3 adapter class and EPUB writer, with its own defaults.ini; only the two
methods that would fetch pages are replaced, and they set the story's metadata with the same
calls, keys and values FanFicFare's `base_otw_adapter.py` sets from an AO3 work page.
FicHub: fichub.net's `createEpub` (src/fichub_net/ebook.py) and its `epub_introduction.html`
template, with EbookLib, fed the FicInfo fields FicHub's API gives for a work.

Neither tool is a dependency of Fanfold; the output is committed under reader_tools/. Run again
after changing ao3_works.py, in a throwaway environment:

    python3 -m venv /tmp/tools && /tmp/tools/bin/pip install fanficfare==4.62.0 ebooklib==0.20 jinja2
    /tmp/tools/bin/python -m tests.imports.make_reader_tool_ebooks
"""

import datetime
import io
import logging
import os
import sys
import tempfile
from pathlib import Path

from tests.imports.ao3_download import Work
from tests.imports.ao3_works import WORKS

OUT = Path(__file__).with_name("reader_tools")
SITE = "archiveofourown.org"


def fanficfare_epub(work: Work) -> bytes:
    from fanficfare import adapters, writers
    from fanficfare.configurable import Configuration

    url = f"https://{SITE}/works/{work.id}"
    configuration = Configuration(adapters.getConfigSectionsFor(url), "epub")
    defaults = Path(adapters.__file__).parent.parent / "defaults.ini"
    configuration.read_file(io.StringIO(defaults.read_text(encoding="utf-8")))
    adapter_class = type(adapters.getAdapter(configuration, url))

    class OfflineAdapter(adapter_class):
        """FanFicFare's AO3 adapter, told what it would have read from the work's page."""

        def extractChapterUrlsAndMetadata(self, get_cover=True):
            story = self.story
            story.setMetadata("title", work.title)
            for creator in work.creators:
                story.addToList("authorId", creator.login)
                story.addToList(
                    "authorUrl", f"https://{SITE}/users/{creator.login}/pseuds/{creator.pseud}"
                )
                story.addToList("author", creator.byline)  # the text of AO3's byline link
            for number, chapter in enumerate(work.chapters, start=1):
                title = chapter.title or f"Chapter {number}"
                self.add_chapter(
                    work.title if len(work.chapters) == 1 else f"{number}. {title}",
                    f"{url}/chapters/{work.id * 10 + number}",
                )
            self.setDescription(url, f'<div class="userstuff">{work.summary}</div>')
            story.setMetadata("rating", ", ".join(work.rating))
            story.setMetadata("language", work.language)
            lists = {
                "fandoms": work.fandoms,
                "warnings": work.warnings,
                "freeformtags": work.freeforms,
                "ao3categories": work.categories,
                "characters": work.characters,
                "ships": work.relationships,
            }
            for key, values in lists.items():
                for value in values:
                    story.addToList(key, value)
            story.setMetadata("numWords", f"{work.words:,}")
            story.setMetadata("chapterslashtotal", work.chapter_total)
            story.setMetadata("status", "In-Progress" if work.is_wip else "Completed")
            published = datetime.datetime.combine(work.published, datetime.time())
            story.setMetadata("datePublished", published)
            story.setMetadata(
                "dateUpdated", datetime.datetime.combine(work.revised, datetime.time())
            )
            for index, (position, title, series_id) in enumerate(work.series):
                series_url = f"https://{SITE}/series/{series_id}"
                story.setMetadata(f"series{index:02d}", f"{title} [{position}]")
                story.setMetadata(f"series{index:02d}Url", series_url)
                if index == 0:
                    self.setSeries(title, position)
                    story.setMetadata("seriesUrl", series_url)
            story.setMetadata("storyUrl", url)
            story.setMetadata("storyId", str(work.id))

        def get_request(self, page_url, usecache=True):
            """The parts of AO3's chapter page that the adapter's getChapterTextNum selects."""
            return _chapter_page(work, int(page_url.rsplit("/", 1)[1]) - work.id * 10)

    adapter = OfflineAdapter(configuration, url)
    adapter.use_full_work_soup = False  # one page per chapter, as for a one-chapter work
    output = io.BytesIO()
    writers.getWriter("epub", configuration, adapter).writeStory(outstream=output)
    return output.getvalue()


def _chapter_page(work: Work, number: int) -> str:
    chapter = work.chapters[number - 1]

    def module(attributes: str, html: str) -> str:
        return (
            f'<div {attributes}><blockquote class="userstuff">{html}</blockquote></div>'
            if html
            else ""
        )

    head = module('class="notes module"', work.notes) if number == 1 else ""
    tail = module('id="work_endnotes" class="end notes module"', work.end_notes)
    return (
        f'<html><body><div id="main"><div class="preface group">{head}</div>'
        f'<div class="chapter" id="chapter-{number}">'
        + module('id="summary" class="summary module"', chapter.summary)
        + module('id="notes" class="notes module"', chapter.notes)
        + '<div class="userstuff module" role="article">'
        '<h3 class="landmark heading" id="work">Chapter Text</h3>'
        f"{chapter.body}</div>"
        + module(f'class="end notes module" id="chapter_{number}_endnotes"', chapter.end_notes)
        + f"</div>{tail if number == len(work.chapters) else ''}</div></body></html>"
    )


def fichub_epub(work: Work) -> bytes:
    """fichub.net's createEpub, minus its cache bookkeeping."""
    import jinja2
    from ebooklib import epub

    template = jinja2.Template(FICHUB_INTRODUCTION)
    updated = datetime.datetime.combine(work.revised, datetime.time(), datetime.UTC)
    info = {
        "title": work.title,
        "author": ", ".join(c.pseud for c in work.creators),
        "description": work.summary,
        "status": "ongoing" if work.is_wip else "complete",
        "fic_created": datetime.datetime.combine(work.published, datetime.time()),
        "fic_updated": datetime.datetime.combine(work.revised, datetime.time()),
        "words": work.words,
        "chapters": len(work.chapters),
        "extra_meta": None,  # its shape for AO3 is not in FicHub's public source
        "source": work.url,
    }
    book = epub.EpubBook()
    book.set_identifier(f"fichub-{work.id}")
    book.set_title(work.title)
    book.set_language("en")
    book.add_author(info["author"])
    book.add_metadata("DC", "description", work.summary)
    doc_style = epub.EpubItem(
        uid="doc_style", file_name="style/main.css", media_type="text/css", content=""
    )
    book.add_item(doc_style)
    nav_css = epub.EpubItem(
        uid="style_nav",
        file_name="style/nav.css",
        media_type="text/css",
        content="BODY {color: white;}",
    )
    book.add_item(nav_css)
    intro = epub.EpubHtml(title="Introduction", file_name="introduction.xhtml", lang="en")
    intro.content = template.render(info=_Info(info))
    book.add_item(intro)
    nav_page = epub.EpubNav(uid="nav", file_name="nav.xhtml")
    nav_page.add_item(doc_style)
    book.add_item(nav_page)
    chapters = []
    for number, chapter in enumerate(work.chapters, start=1):
        title = chapter.title or f"Chapter {number}"
        page = epub.EpubHtml(title=title, file_name=f"chap_{number}.xhtml", lang="en")
        page.title = title
        page.content = (
            chapter.body
        )  # FicHub's stored chapter HTML; whether it repeats the title is not public
        page.add_item(doc_style)
        book.add_item(page)
        chapters.append(page)
    book.toc = [epub.Link("introduction.xhtml", "Introduction", "intro"), *chapters]
    book.spine = [intro, nav_page, *chapters]
    book.add_item(epub.EpubNcx())
    with tempfile.TemporaryDirectory() as folder:
        target = os.path.join(folder, "book.epub")
        epub.write_epub(target, book, {"mtime": updated, "play_order": {"enabled": True}})
        return Path(target).read_bytes()


class _Info:
    def __init__(self, fields: dict) -> None:
        self.__dict__.update(fields)


FICHUB_INTRODUCTION = """<html>
<head>
\t<title>Introduction</title>
\t<link rel="stylesheet" href="style/main.css" type="text/css" />
</head>
<body>
\t<h1>{{info.title}}</h1>
\t<p><b>By: {{info.author}}</b></p>
\t<p>{{info.description|safe}}</p>
\t<p>Status: {{info.status}}</p>
\t<p>Published: {{info.fic_created.date()}}</p>
\t{% if info.fic_created != info.fic_updated %}
\t<p>Updated: {{info.fic_updated.date()}}</p>
\t{% endif %}
\t<p>Words: {{info.words}}</p>
\t{% if info.chapters > 1 %}
\t<p>Chapters: {{info.chapters}}</p>
\t{% endif %}
\t{% if info.extra_meta is not none and info.extra_meta|length %}
\t<p>{{info.extra_meta}}</p>
\t{% endif %}
\t{% if info.source|length %}
\t<p>Original source:
\t\t<a rel="noopener noreferrer" href="{{info.source}}">{{info.source}}</a></p>
\t{% endif %}
\t<p>Exported with the assistance of
\t\t<a href='https://fichub.net'>FicHub.net</a></p>
</body>
</html>
"""

# Which synthetic work each tool's book is made from.
BOOKS = {
    "fanficfare_fog.epub": (fanficfare_epub, "fog"),
    "fanficfare_ledger_zh.epub": (fanficfare_epub, "ledger_zh"),
    "fichub_ledger.epub": (fichub_epub, "ledger"),
}


def main() -> None:
    logging.disable(logging.WARNING)
    OUT.mkdir(exist_ok=True)
    for file_name, (make, work_name) in BOOKS.items():
        target = OUT / file_name
        target.write_bytes(make(WORKS[work_name]))
        sys.stdout.write(f"{target} ({target.stat().st_size // 1024} KB)\n")


if __name__ == "__main__":
    main()
