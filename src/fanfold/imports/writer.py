"""Writing a parsed work: validated against the fixed tag sets, one transaction per work,
and idempotent (the same source again updates its work instead of making a copy)."""

import datetime
import hashlib

from django.db import transaction

from fanfold.accounts.models import User
from fanfold.imports.notices import (
    UNKNOWN_CATEGORY,
    UNKNOWN_LANGUAGE,
    UNKNOWN_RATING,
    UNKNOWN_WARNING,
    notice,
)
from fanfold.imports.parsed import ParsedWork
from fanfold.lib import languages
from fanfold.series.models import Series
from fanfold.series.placement import SeriesPlacement, save_work_in_series
from fanfold.tags.models import CATEGORIES, RATINGS, WARNINGS
from fanfold.works.chapters import add_chapter
from fanfold.works.models import Chapter, Work
from fanfold.works.posting import TagChoices

DEFAULT_RATING = "Not Rated"
DEFAULT_WARNING = "Choose Not To Use Archive Warnings"
_LANGUAGE_BY_NAME = {language.name.lower(): language.code for language in languages.LANGUAGES}


def content_hash(parsed: ParsedWork) -> str:
    digest = hashlib.sha256(parsed.title.strip().lower().encode())
    for chapter in parsed.chapters:
        digest.update(b"\x00" + chapter.body.encode())
    return digest.hexdigest()


def validated_tags(parsed: ParsedWork) -> TagChoices:
    """The fixed sets as the archive knows them; anything else becomes a clear warning."""
    ratings = {name.lower(): name for name in RATINGS}
    rating = ratings.get(parsed.rating.strip().lower())
    if rating is None:
        if parsed.rating:
            parsed.warnings_found.append(
                notice(UNKNOWN_RATING, rating=parsed.rating, default=DEFAULT_RATING)
            )
        rating = DEFAULT_RATING
    known_warnings = {name.lower(): name for name in WARNINGS}
    warnings = [known_warnings[w.lower()] for w in parsed.warnings if w.lower() in known_warnings]
    for unknown in (w for w in parsed.warnings if w.lower() not in known_warnings):
        parsed.warnings_found.append(notice(UNKNOWN_WARNING, warning=unknown))
    if not warnings:
        warnings = [DEFAULT_WARNING]
    known_categories = {name.lower(): name for name in CATEGORIES}
    categories = [
        known_categories[c.lower()] for c in parsed.categories if c.lower() in known_categories
    ]
    for unknown in (c for c in parsed.categories if c.lower() not in known_categories):
        parsed.warnings_found.append(notice(UNKNOWN_CATEGORY, category=unknown))
    return TagChoices(
        rating=rating,
        warnings=warnings,
        categories=categories,
        fandoms=parsed.fandoms or ["Unknown Fandom"],
        relationships=parsed.relationships,
        characters=parsed.characters,
        freeforms=parsed.freeforms,
    )


def language_code(parsed: ParsedWork) -> str:
    value = parsed.language.strip()
    if value in languages.BY_CODE:
        return value
    code = _LANGUAGE_BY_NAME.get(value.lower())
    if code is None:
        if value:
            parsed.warnings_found.append(notice(UNKNOWN_LANGUAGE, language=value))
        return "en"
    return code


def _existing(parsed: ParsedWork, owner: User, digest: str) -> Work | None:
    works = Work.objects.filter(creatorships__pseud__user=owner)
    if parsed.source_url:
        found = works.filter(source_url=parsed.source_url).first()
        if found:
            return found
    return works.filter(import_hash=digest).first()


def import_work(
    parsed: ParsedWork,
    owner: User,
    *,
    draft: bool = False,
    skip_existing: bool = False,
    work_fields: dict | None = None,
) -> tuple[str, Work]:
    """Returns ("imported" | "updated" | "skipped", work); `work_fields` sets e.g. restricted."""
    digest = content_hash(parsed)
    with transaction.atomic():
        existing = _existing(parsed, owner, digest)
        if existing is not None and skip_existing:
            return "skipped", existing
        work = existing or Work()
        if existing is not None:
            existing.chapters.all().delete()
        names = {owner.username.lower(), *(p.name.lower() for p in owner.pseuds.all())}
        work.title = parsed.title or "Untitled"
        work.summary, work.notes, work.end_notes = parsed.summary, parsed.notes, parsed.end_notes
        work.language = language_code(parsed)
        work.expected_chapters = parsed.expected_chapters
        work.source_url = parsed.source_url[:500]
        work.stated_word_count = parsed.stated_word_count
        work.import_hash = digest
        for name, value in (work_fields or {}).items():
            setattr(work, name, value)
        others = [name for name in parsed.creators if name.lower() not in names]
        work.imported_creators = ", ".join(others)[:255]
        first, *rest = [chapter.sanitised() for chapter in parsed.chapters]
        save_work_in_series(
            work,
            pseuds=[owner.default_pseud],
            tags=validated_tags(parsed),
            post=not draft,
            first_chapter=Chapter(
                title=first.title,
                summary=first.summary,
                notes=first.notes,
                end_notes=first.end_notes,
                body=first.body,
            ),
            published_on=parsed.published,
            series=_series(parsed, owner),
        )
        for number, chapter in enumerate(rest, start=2):
            day = _chapter_date(parsed, number, len(parsed.chapters))
            add_chapter(
                work,
                Chapter(
                    title=chapter.title,
                    summary=chapter.summary,
                    notes=chapter.notes,
                    end_notes=chapter.end_notes,
                    body=chapter.body,
                ),
                post=not draft,
                published_on=day,
            )
    return ("updated" if existing else "imported"), work


def _series(parsed: ParsedWork, owner: User) -> SeriesPlacement | None:
    if not parsed.series:
        return None
    wanted = parsed.series[0]
    series = Series.objects.filter(title=wanted["title"], creators__user=owner).first()
    return SeriesPlacement(
        series=series, new_title=wanted["title"], position=wanted.get("position")
    )


def _chapter_date(parsed: ParsedWork, number: int, total: int) -> datetime.date | None:
    """The last chapter is dated as updated; earlier ones between published and updated."""
    if not parsed.published:
        return None
    last = parsed.updated or parsed.completed or parsed.published
    span = (last - parsed.published).days
    return parsed.published + datetime.timedelta(days=span * (number - 1) // max(total - 1, 1))
