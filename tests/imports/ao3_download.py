"""AO3's HTML download, rendered the way otwarchive renders it, for synthetic works.

A transcription of otwarchive's `app/views/layouts/barebones.html.erb` and
`app/views/downloads/{show,_download_preface,_download_chapter,_download_afterword}.html.erb`,
with the whitespace Rails' Erubi (trim mode) leaves: a line holding only a `<% %>` statement or
`<%# %>` comment disappears; every other line, indentation and blank line stays. Strings come from
otwarchive's `config/locales/views/en.yml`; the byline follows `BylineHelper`, tag and pseud URLs
follow `Tag#to_param`/`Pseud#to_param`, file names `Download#clean`. The works themselves (WORKS in
ao3_works.py) are original, all-ages placeholder stories.
"""

import html
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import quote

ROOT = "https://archiveofourown.org/"
PATH_SAFE = "!$&'()*+,;=:@"  # what Rails leaves unescaped in a path segment


@dataclass
class Creator:
    pseud: str
    login: str

    @property
    def byline(self) -> str:
        """Pseud#byline: the pseud, with the login in brackets when they differ."""
        return self.pseud if self.pseud == self.login else f"{self.pseud} ({self.login})"


@dataclass
class Chapter:
    title: str = ""
    body: str = ""  # stored (sanitised) HTML, as AO3 keeps it
    summary: str = ""
    notes: str = ""
    end_notes: str = ""


@dataclass
class Related:
    relation: str  # "translated_to", "translation_of", "inspired_by"
    title: str
    work_id: int
    creators: list[Creator]
    language: str = ""
    language_code: str = ""


@dataclass
class Work:
    id: int
    title: str
    creators: list[Creator]
    rating: list[str]
    warnings: list[str]
    categories: list[str]
    fandoms: list[str]
    relationships: list[str]
    characters: list[str]
    freeforms: list[str]
    language: str  # Language#name, as AO3 prints it
    language_code: str  # Language#short, for calibre's --language
    published: date
    revised: date
    words: int
    chapters: list[Chapter]
    expected_chapters: int | None  # None prints "?"
    series: list[tuple[int, str, int]] = field(default_factory=list)  # (position, title, id)
    collections: list[str] = field(default_factory=list)
    summary: str = ""
    notes: str = ""
    end_notes: str = ""
    related: list[Related] = field(default_factory=list)
    anonymous: bool = False

    @property
    def url(self) -> str:
        return f"{ROOT}works/{self.id}"

    @property
    def is_wip(self) -> bool:
        return self.expected_chapters != len(self.chapters)

    @property
    def chapter_total(self) -> str:
        return f"{len(self.chapters)}/{self.expected_chapters or '?'}"

    def tag_groups(self) -> list[tuple[str, str, list[str]]]:
        """Tag::VISIBLE in order, with each type's NAME and its English plural."""
        return [
            ("Rating", "Ratings", self.rating),
            ("Archive Warning", "Archive Warnings", self.warnings),
            ("Category", "Categories", self.categories),
            ("Fandom", "Fandoms", self.fandoms),
            ("Relationship", "Relationships", self.relationships),
            ("Character", "Characters", self.characters),
            ("Additional Tags", "Additional Tags", self.freeforms),
        ]


def tag_url(name: str) -> str:
    """Tag#to_param: / & . ? # spelled out, then URL-escaped."""
    for character, spelled in (
        ("/", "*s*"),
        ("&", "*a*"),
        (".", "*d*"),
        ("?", "*q*"),
        ("#", "*h*"),
    ):
        name = name.replace(character, spelled)
    return f"{ROOT}tags/{quote(name, safe=PATH_SAFE)}"


def _text(text: str) -> str:
    """Titles are stored escaped and printed raw (`.html_safe`), which comes to the same."""
    return html.escape(text, quote=False)


def _link(text: str, url: str, rel: str = "") -> str:
    rel_attribute = f' rel="{rel}"' if rel else ""
    return f'<a{rel_attribute} href="{html.escape(url)}">{html.escape(text, quote=False)}</a>'


def byline(creators: list[Creator], anonymous: bool = False) -> str:
    if anonymous:
        return "Anonymous"
    return ", ".join(
        _link(
            c.byline,
            f"{ROOT}users/{quote(c.login, safe=PATH_SAFE)}/pseuds/{quote(c.pseud, safe=PATH_SAFE)}",
            rel="author",
        )
        for c in creators
    )


def clean(text: str) -> str:
    """Download#clean: ASCII, word characters, at most 24 characters cut at a space."""
    text = re.sub(r"&(\w+);", "", text)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    text = re.sub(r"[^\w _-]+", "", text)
    text = re.sub(r" +", " ", text).strip()
    if len(text) > 24:
        cut = text[:25].rsplit(" ", 1)[0] if " " in text[:25] else text[:24]
        text = cut[:24]
    return text


def file_name(work: Work) -> str:
    return clean(work.title) or f"Work {work.id}"


def page_title(work: Work) -> str:
    authors = ["Anonymous"] if work.anonymous else [c.byline for c in work.creators]
    fandoms = "Multifandom" if len(work.fandoms) > 3 else ", ".join(work.fandoms)
    return " - ".join([file_name(work), clean("-".join(authors)), clean(fandoms)])


def _related_note(related: Related) -> str:
    work_link = _link(related.title, f"{ROOT}works/{related.work_id}")
    creator_link = byline(related.creators)
    if related.relation == "translated_to":
        language = f'<span lang="{related.language_code}">{html.escape(related.language)}</span>'
        return f"Translation into {language} available: {work_link} by {creator_link}"
    if related.relation == "translation_of":
        return f"A translation of {work_link} by {creator_link}"
    return f"Inspired by {work_link} by {creator_link}"


def preface(work: Work) -> str:
    lines = [
        '<div id="preface">',
        '  <h2 class="toc-heading">Preface</h2>',
        "",
        '  <p class="message">',
        f"    <b>{_text(work.title)}</b><br/>",
        f"    Posted originally on the {_link('Archive of Our Own', ROOT)} at {_link(work.url, work.url)}.",
        "  </p>",
        "",
        '  <div class="meta">',
        '    <dl class="tags">',
    ]
    for singular, plural, tags in work.tag_groups():
        if tags:
            lines.append(f"          <dt>{singular if len(tags) == 1 else plural}:</dt>")
            links = ", ".join(_link(tag, tag_url(tag)) for tag in tags)
            lines.append(f"          <dd>{links}</dd>")
    lines += ["", "        <dt>Language:</dt>", f"        <dd>{work.language}</dd>", ""]
    if work.series:
        parts = ", ".join(
            f"Part {position} of\n{_link(title, f'{ROOT}series/{series_id}')}"
            for position, title, series_id in work.series
        )
        lines += ["        <dt>Series:</dt>", f"        <dd>{parts}</dd>"]
    if work.collections:
        links = ",\n".join(
            _link(title, f"{ROOT}collections/{clean(title)}") for title in work.collections
        )
        lines += ["        <dt>Collections:</dt>", f"        <dd>{links}</dd>"]
    lines += ["      <dt>Stats:</dt>", "      <dd>", f"        Published: {work.published}"]
    if work.published < work.revised:
        lines.append(f"          {'Updated' if work.is_wip else 'Completed'}: {work.revised}")
    lines += [
        f"        Words: {work.words:,}",
        f"        Chapters: {work.chapter_total}",
        "      </dd>",
        "    </dl>",
        f"    <h1>{_text(work.title)}</h1>",
        f'    <div class="byline">by {byline(work.creators, work.anonymous)}</div>',
    ]
    more = "more" if work.notes else ""
    see_end = f'See the end of the work for {more} <a href="#endnotes">notes</a>'
    lines += _summary_and_notes("      ", "", work, see_end)
    lines.append("")
    if work.related:
        lines.append("      <ul>")
        translations = [r for r in work.related if r.relation == "translated_to"]
        parents = [r for r in work.related if r.relation != "translated_to"]
        for related in translations + parents:
            lines += ["          <li>", f"            {_related_note(related)}", "          </li>"]
        lines.append("      </ul>")
    lines += ["", "  </div>", "</div>"]
    return "\n".join(lines) + "\n"


def _summary_and_notes(
    indent: str, prefix: str, source: "Work | Chapter", see_end: str
) -> list[str]:
    """The summary and notes blocks both partials print, each at its own indentation."""
    lines = []
    if source.summary:
        lines += [
            f"{indent}<p>{prefix}Summary</p>",
            f'{indent}<blockquote class="userstuff">{source.summary}</blockquote>',
        ]
    lines.append("")
    if source.notes or source.end_notes:
        lines.append(f"{indent}<p>{prefix}Notes</p>")
        if source.notes:
            lines.append(f'{indent}  <blockquote class="userstuff">{source.notes}</blockquote>')
        if source.end_notes:
            lines += [
                f'{indent}  <div class="endnote-link">',
                f"{indent}    {see_end}",
                f"{indent}  </div>",
            ]
    return lines


def chapter(work: Work, position: int, text: Chapter) -> str:
    heading = _text(text.title) or f"Chapter {position}"
    lines = ["", '<div class="meta group">', f'  <h2 class="heading">{heading}</h2>', ""]
    label = "more notes" if text.notes else "notes"
    see_end = f'See the end of the chapter for <a href="#endnotes{position}">{label}</a>'
    lines += _summary_and_notes("    ", "Chapter ", text, see_end)
    lines += [
        "</div>",
        "",
        "<!--chapter content-->",
        '<div class="userstuff">',
        f"  {text.body}",
        "</div>",
        "<!--/chapter content-->",
        "",
    ]
    if text.end_notes:
        lines += [
            f'  <div class="meta" id="endnotes{position}">',
            "    <p>Chapter End Notes</p>",
            f'    <blockquote class="userstuff">{text.end_notes}</blockquote>',
            "  </div>",
        ]
    return "\n".join(lines) + "\n"


def afterword(work: Work) -> str:
    lines = ['<div id="afterword">', '  <h2 class="toc-heading">Afterword</h2>', ""]
    if work.end_notes:  # (works inspired by this one are not rendered: none of ours has any)
        lines += [
            '    <div class="meta">',
            '        <div id="endnotes">',
            "          <p>End Notes</p>",
            f'          <blockquote class="userstuff">{work.end_notes}</blockquote>',
            "        </div>",
            "",
            "    </div>",
        ]
    comment = _link("drop by the Archive and comment", f"{work.url}/comments/new")
    lines += [
        "",
        f'  <p class="message">Please {comment} to let the creator know if you enjoyed their work!</p>',
        "</div>",
    ]
    return "\n".join(lines) + "\n"


def show(work: Work) -> str:
    """downloads/show.html.erb: preface, the chapters, the afterword."""
    if len(work.chapters) > 1:
        body = "".join(
            f"      {chapter(work, n, text)}\n" for n, text in enumerate(work.chapters, start=1)
        )
    else:
        body = (
            f'    <h2 class="toc-heading">{_text(work.title)}</h2>\n'
            '    <div class="userstuff">\n'
            f"      {work.chapters[0].body}\n"
            "    </div>\n"
        )
    return (
        f"{preface(work)}\n\n"
        f'<div id="chapters" class="userstuff">\n{body}</div>\n\n'
        f"{afterword(work)}\n"
    )


STYLE = """    p.message { text-align: center; }
    .meta h1 { font-size: 1.5em; text-align: center; }
    .meta h2 { font-size: 1.25em; text-align: center; }
    .meta h2 { page-break-before: always; }
    .meta .byline { text-align: center; }
    .meta dl.tags { border: 1px solid; padding: 1em; }
    .meta dd { margin: -1em 0 0 10em; }
    .meta .endnote-link { font-size: .8em; }
    /* List child related works under the labeling dt */
    #afterword .meta dd { margin: 1em 0 0 1em; }
    #chapters { font-family: "Nimbus Roman No9 L", "Times New Roman", serif; padding: 1em; }
    .userstuff { font-family: "Nimbus Roman No9 L", "Times New Roman", serif; padding: 1em; }
    /* Invisible headings to help Calibre make a Table of Contents */
    .toc-heading { display: none; }"""


def download_html(work: Work) -> str:
    """layouts/barebones.html.erb around downloads/show.html.erb: the file AO3 serves as .html."""
    return (
        '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" '
        '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">\n'
        '<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="en" lang="en">\n'
        "<head>\n"
        '  <meta charset="utf-8" />\n'
        '  <meta http-equiv="x-ua-compatible" content="ie=edge" />\n'
        f"  <title>{html.escape(page_title(work), quote=False)}</title>\n"
        '  <style type="text/css">\n'
        f"{STYLE}\n"
        "  </style>\n"
        "</head>\n"
        "<body>\n\n"
        f"{show(work)}\n"
        "</body>\n"
        "</html>\n"
    )
