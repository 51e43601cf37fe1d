"""Works shaped to show every field readers' tools read, and what the tools give back."""

import datetime
import re
import zipfile
from pathlib import Path

from fanfold.works.chapters import add_chapter
from fanfold.works.models import Chapter, Work
from tests.factories import WorkFactory


def tagged_work(author, **fields) -> Work:
    """A one-chapter work with every kind of tag, notes at both ends and feedback counts."""
    defaults = {
        "title": "The Lamplighter's Almanac",
        "rating": "Teen And Up Audiences",
        "warnings": ("No Archive Warnings Apply",),
        "categories": ("F/M", "Gen"),
        "fandoms": ("Harbour Tales", "Lighthouse Keepers (Original)"),
        "relationships": ("Mara/Tobin",),
        "characters": ("Mara", "Tobin"),
        "freeforms": ("Rainy Days", "Found Family"),
        "summary": "<p>A keeper counts the lamps.</p>",
        "notes": "<p>Written for a rainy week.</p>",
        "end_notes": "<p>Thank you for reading.</p>",
        "body": "<p>Every lamp on the pier was lit by nine.</p>",
        "published_on": datetime.date(2024, 3, 5),
    }
    work = WorkFactory(author=author, **{**defaults, **fields})
    Work.objects.filter(pk=work.pk).update(
        kudos_count=1234, comment_count=5, bookmark_count=3, hit_count=2000
    )
    work.refresh_from_db()
    return work


def add_posted_chapter(work: Work, day: datetime.date, **fields) -> Chapter:
    return add_chapter(work, Chapter(**fields), post=True, published_on=day)


def ao3_url(path: str) -> str:
    return f"https://archiveofourown.org{path}"


def chapter_files(epub_path: Path) -> list[str]:
    """The chapter pages FanFicFare wrote, in order, as text without markup."""
    with zipfile.ZipFile(epub_path) as epub:
        names = sorted(
            name for name in epub.namelist() if re.fullmatch(r"OEBPS/file\d+\.xhtml", name)
        )
        return [re.sub(r"<[^>]+>", " ", epub.read(name).decode()) for name in names]


def words(text: str) -> str:
    return " ".join(text.split())


def two_chapter_work(author, expected_chapters: int | None) -> Work:
    """Chapter titles, a chapter summary and notes at both ends of a chapter, two dates."""
    work = tagged_work(
        author, expected_chapters=expected_chapters, body="<p>The tide came in early.</p>"
    )
    first = work.chapters.get()
    first.title, first.notes = "Low Water", "<p>Before the storm.</p>"
    first.save()
    add_posted_chapter(
        work,
        datetime.date(2024, 4, 2),
        title="High Water",
        summary="<p>The storm arrives.</p>",
        notes="<p>Mind the waves.</p>",
        end_notes="<p>More soon.</p>",
        body="<p>Waves climbed the harbour wall twice.</p>",
    )
    return Work.objects.get(pk=work.pk)
