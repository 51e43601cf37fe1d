"""A book: the sections every format lays out the same way, for one work or a whole series."""

from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils.html import escape

from fanfold.downloads.content import SeriesContent, WorkContent
from fanfold.lib import languages


@dataclass
class Section:
    key: str  # file name in an EPUB, anchor in HTML
    nav_title: str  # the entry in the table of contents
    html: str  # an HTML fragment, already sanitised where it came from users
    kind: str = "chapter"  # "preface", "chapter" or "afterword": AO3's three parts


@dataclass
class Book:
    identifier: str
    title: str
    creators: list[str]
    language: languages.Language
    url: str
    summary: str
    subjects: list[str]
    date: str
    series: list[tuple[int, str, str]]
    sections: list[Section]


def _render(template: str, **context) -> str:
    return render_to_string(f"downloads/{template}", context)


def _work_sections(content: WorkContent, site_url: str, prefix: str = "") -> list[Section]:
    preface = _render("_preface.html", content=content, site_url=site_url)
    sections = [
        Section(f"{prefix}preface", content.title if prefix else "Preface", preface, "preface")
    ]
    for chapter in content.chapters:
        title = chapter.heading if content.is_multichapter else content.title
        html = _render("_chapter.html", content=content, chapter=chapter)
        sections.append(Section(f"{prefix}chapter-{chapter.number}", title, html))
    afterword = _render("_afterword.html", content=content)
    sections.append(Section(f"{prefix}afterword", "Afterword", afterword, "afterword"))
    return sections


def work_book(content: WorkContent, site_url: str) -> Book:
    return Book(
        identifier=f"{site_url}/works/{content.work_id}",
        title=content.title,
        creators=content.creators,
        language=content.language,
        url=content.url,
        summary=content.summary,
        subjects=content.subjects,
        date=content.published,
        series=content.series,
        sections=_work_sections(content, site_url),
    )


def series_book(content: SeriesContent, site_url: str) -> Book:
    sections = []
    for part, work in enumerate(content.works, start=1):
        heading = f'<h1 class="part">Part {part}: {escape(work.title)}</h1>'
        parts = _work_sections(work, site_url, prefix=f"part-{part}-")
        parts[0].html = heading + parts[0].html
        sections += parts
    first = content.works[0] if content.works else None
    return Book(
        identifier=content.url,
        title=content.title,
        creators=content.creators,
        language=first.language if first else languages.language_for("en"),
        url=content.url,
        summary=content.summary,
        subjects=list(dict.fromkeys(s for work in content.works for s in work.subjects)),
        date=first.published if first else "",
        series=[],
        sections=sections,
    )
