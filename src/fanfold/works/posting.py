"""Posting, editing, publishing and deleting works; views, imports and the CLI all call these."""

import datetime
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from fanfold.accounts.models import Pseud
from fanfold.tags.models import TagType
from fanfold.tags.naming import find_or_create_tags, fixed_tags
from fanfold.works.changes import one_notice, work_published
from fanfold.works.models import Chapter, Creatorship, Tagging, Work
from fanfold.works.stats import moment_of, refresh_work_stats


@dataclass
class TagChoices:
    """The tags a creator chose, by type, in the order given."""

    rating: str
    warnings: list[str]
    categories: list[str] = field(default_factory=list)
    fandoms: list[str] = field(default_factory=list)
    relationships: list[str] = field(default_factory=list)
    characters: list[str] = field(default_factory=list)
    freeforms: list[str] = field(default_factory=list)


def save_work(
    work: Work,
    *,
    pseuds: list[Pseud],
    tags: TagChoices,
    post: bool,
    first_chapter: Chapter | None = None,
    published_on: datetime.date | None = None,
) -> Work:
    """Saves a new or edited work with its creators, tags and first chapter (its series:
    series.placement.save_work_in_series).

    `post` publishes a draft; an already posted work stays posted. `published_on`
    backdates the first chapter; without it a newly posted work is dated today.
    """
    with transaction.atomic(), one_notice():
        newly_posted = post and not work.posted
        # Subscribers hear of an unrevealed work when it is revealed, not when it is posted.
        revealed = work.posted and not work.unrevealed and _was_unrevealed(work)
        work.posted = work.posted or post
        work.save()
        _set_creators(work, pseuds)
        _set_tags(work, tags)
        if first_chapter is not None:
            first_chapter.work = work
            first_chapter.position = 1
            first_chapter.save()
        if published_on is not None:
            work.chapters.filter(position=1).update(published_on=published_on)
        if newly_posted:
            _post_unposted_chapters(work)
        refresh_work_stats(work, moment_of(published_on) if newly_posted else None)
        if newly_posted or revealed:
            work_published.send(Work, work=work, chapter=None)
    return work


def _was_unrevealed(work: Work) -> bool:
    return work.pk is not None and Work.objects.filter(pk=work.pk, unrevealed=True).exists()


def post_draft(work: Work) -> Work:
    """Publishes a draft work and its chapters, keeping any backdated first chapter."""
    with transaction.atomic():
        work.posted = True
        work.save(update_fields=["posted", "modified_at"])
        _post_unposted_chapters(work)
        refresh_work_stats(work)
        work_published.send(Work, work=work, chapter=None)
    return work


def delete_work(work: Work) -> None:
    work.delete()  # its series close the gap (series.signals)


def _post_unposted_chapters(work: Work) -> None:
    today = timezone.localdate()
    work.chapters.filter(posted=False, published_on__isnull=True).update(published_on=today)
    work.chapters.filter(posted=False).update(posted=True)


def _set_creators(work: Work, pseuds: list[Pseud]) -> None:
    """The given pseuds replace their own users' credits; co-creators keep theirs."""
    users = {pseud.user_id for pseud in pseuds}
    work.creatorships.filter(pseud__user__in=users).exclude(pseud__in=pseuds).delete()
    for position, pseud in enumerate(pseuds):
        Creatorship.objects.update_or_create(
            work=work, pseud=pseud, defaults={"position": position}
        )


def _set_tags(work: Work, choices: TagChoices) -> None:
    tags = [
        *fixed_tags(TagType.RATING, [choices.rating]),
        *_in_order(fixed_tags(TagType.WARNING, choices.warnings), choices.warnings),
        *_in_order(fixed_tags(TagType.CATEGORY, choices.categories), choices.categories),
        *find_or_create_tags(TagType.FANDOM, choices.fandoms),
        *find_or_create_tags(TagType.RELATIONSHIP, choices.relationships),
        *find_or_create_tags(TagType.CHARACTER, choices.characters),
        *find_or_create_tags(TagType.FREEFORM, choices.freeforms),
    ]
    work.taggings.exclude(tag__in=tags).delete()
    for position, tag in enumerate(tags):
        Tagging.objects.update_or_create(work=work, tag=tag, defaults={"position": position})


def _in_order(tags: list, names: list[str]) -> list:
    order = {name: index for index, name in enumerate(names)}
    return sorted(tags, key=lambda tag: order[tag.name])
