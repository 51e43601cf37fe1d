"""Versions of what a fragment shows: a digest of every stored field of the rows it is drawn from.

Those rows are fetched for the page anyway, so the digest costs microseconds where rendering
costs milliseconds, and no change can be missed: a changed field is a new version, and nothing
needs invalidating (a renamed tag or pseud, a retagged work, an edited chapter).
"""

import hashlib
from collections.abc import Iterable

from django.db.models import Model

from fanfold.works.models import Chapter, Work


def row(instance: Model | None) -> tuple:
    if instance is None:
        return ()
    return tuple(getattr(instance, field.attname) for field in instance._meta.concrete_fields)


def work_rows(work: Work) -> list[tuple]:
    """The work and what its blurb and header show: tags, creators, series (with_details)."""
    rows: list[tuple] = [row(work)]
    for tagging in work.taggings.all():
        rows += [row(tagging), row(tagging.tag)]
    for creatorship in work.creatorships.all():
        rows += [row(creatorship), row(creatorship.pseud), (creatorship.pseud.user.username,)]
    for membership in work.series_memberships.all():
        rows += [row(membership), row(membership.series)]
    return rows


def chapter_rows(chapters: Iterable[Chapter]) -> list[tuple]:
    """Chapters with their co-creators (visible_chapters prefetches them)."""
    rows: list[tuple] = []
    for chapter in chapters:
        rows += [row(chapter), *(row(pseud) for pseud in chapter.co_creators.all())]
    return rows


def digest(rows: list) -> str:
    return hashlib.sha256(repr(rows).encode()).hexdigest()
