"""What every download format shows, gathered once: AO3's preface, chapters and afterword."""

from dataclasses import dataclass, field

from django.conf import settings

from fanfold.lib import languages
from fanfold.series.models import Series, SeriesWork
from fanfold.tags.models import TagType
from fanfold.works.models import Chapter, Work
from fanfold.works.preface import Link, preface_links

# The preface's tag groups, in AO3's order, with singular and plural labels.
TAG_GROUPS = (
    (TagType.RATING, "Rating", "Ratings"),
    (TagType.WARNING, "Archive Warning", "Archive Warnings"),
    (TagType.CATEGORY, "Category", "Categories"),
    (TagType.FANDOM, "Fandom", "Fandoms"),
    (TagType.RELATIONSHIP, "Relationship", "Relationships"),
    (TagType.CHARACTER, "Character", "Characters"),
    (TagType.FREEFORM, "Additional Tags", "Additional Tags"),
)


@dataclass
class TagLine:
    label: str
    names: list[str]


@dataclass
class ChapterContent:
    number: int
    title: str
    summary: str
    notes: str
    end_notes: str
    body: str

    @property
    def heading(self) -> str:
        return f"Chapter {self.number}: {self.title}" if self.title else f"Chapter {self.number}"


@dataclass
class WorkContent:
    work_id: int
    title: str
    creators: list[str]
    url: str
    language: languages.Language
    tag_lines: list[TagLine]
    series: list[tuple[int, str, str]]  # (position, title, url)
    collections: list[Link]  # absolute URLs
    recipients: list[Link]  # AO3's "For <recipient>." in the notes
    published: str
    status_label: str  # "Updated" or "Completed", "" for single-day works
    status_date: str
    words: int
    chapters_label: str
    summary: str
    notes: str
    end_notes: str
    chapters: list[ChapterContent]
    archive_name: str = field(default_factory=lambda: settings.ARCHIVE_NAME)

    @property
    def byline(self) -> str:
        return ", ".join(self.creators)

    @property
    def subjects(self) -> list[str]:
        return [name for line in self.tag_lines for name in line.names]

    @property
    def has_end_notes(self) -> bool:
        return bool(self.end_notes)

    @property
    def is_multichapter(self) -> bool:
        return len(self.chapters) > 1


def work_content(work: Work, site: str = "") -> WorkContent:
    """The posted state of a work; the work must have been fetched with_details.

    `site` is the archive's address for the preface's links; empty means settings.SITE_URL.
    """
    site = site or settings.SITE_URL
    chapters: list[Chapter] = list(work.chapters.filter(posted=True).order_by("position"))
    tag_lines = []
    for tag_type, singular, plural in TAG_GROUPS:
        names = [tag.name for tag in work.tags_of(tag_type)]
        if names:
            tag_lines.append(TagLine(plural if len(names) > 1 else singular, names))
    memberships: list[SeriesWork] = list(work.series_memberships.all())
    completed = work.complete and work.chapter_count > 1
    changed = work.updated_on != work.published_on
    links = preface_links(work)
    return WorkContent(
        work_id=work.pk,
        title=work.title,
        creators=["Anonymous"] if work.anonymous else [p.name for p in work.creator_pseuds],
        url=site + work.get_absolute_url(),
        language=work.language_info,
        tag_lines=tag_lines,
        series=[
            (m.position, m.series.title, site + m.series.get_absolute_url()) for m in memberships
        ],
        collections=_absolute(links.get("collections", []), site),
        recipients=_absolute(links.get("recipients", []), site),
        published=_date(work.published_on),
        status_label="Completed" if completed else ("Updated" if changed else ""),
        status_date=_date(work.updated_on),
        words=work.word_count,
        chapters_label=work.chapters_label,
        summary=work.summary,
        notes=work.notes,
        end_notes=work.end_notes,
        chapters=[
            ChapterContent(c.position, c.title, c.summary, c.notes, c.end_notes, c.body)
            for c in chapters
        ],
    )


def _absolute(links: list[Link], site: str) -> list[Link]:
    return [Link(link.text, site + link.url if link.url else "") for link in links]


def _date(day) -> str:
    return day.isoformat() if day else ""


@dataclass
class SeriesContent:
    series_id: int
    title: str
    url: str
    summary: str
    works: list[WorkContent]

    @property
    def creators(self) -> list[str]:
        return list(dict.fromkeys(name for work in self.works for name in work.creators))


def series_content(series: Series, works: list[Work], site: str = "") -> SeriesContent:
    site = site or settings.SITE_URL
    return SeriesContent(
        series_id=series.pk,
        title=series.title,
        url=site + series.get_absolute_url(),
        summary=series.summary,
        works=[work_content(work, site) for work in works],
    )
