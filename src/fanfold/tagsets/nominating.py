"""Nominating tags for a tag set, and its moderators approving or rejecting them."""

from collections.abc import Iterable, Mapping, Sequence

from django.db import transaction
from django.utils.translation import gettext

from fanfold.accounts.models import Pseud, User
from fanfold.moderation.audit import record
from fanfold.tags.naming import find_or_create_tags
from fanfold.tags.phrases import count_of_tags, tags_of_type
from fanfold.tagsets.models import (
    NOMINATED_TYPES,
    NominationStatus,
    OwnedTagSet,
    TagNomination,
    TagSetRole,
)


class NominationError(Exception):
    """A nomination the tag set does not accept; the message is for the nominator."""


class NotAModerator(Exception):
    pass


def create_tag_set(owner: Pseud, **fields) -> OwnedTagSet:
    with transaction.atomic():
        tag_set = OwnedTagSet.objects.create(**fields)
        TagSetRole.objects.create(tag_set=tag_set, pseud=owner, owner=True)
    return tag_set


def add_tags(tag_set: OwnedTagSet, tag_type: str, names: Iterable[str]) -> None:
    """Adds tags of one type, creating the ones the archive does not have yet (unwrangled)."""
    tag_set.tags.add(*find_or_create_tags(tag_type, names))
    tag_set.save(update_fields=["updated_at"])


def nominate(
    tag_set: OwnedTagSet, pseud: Pseud, names_by_type: Mapping[str, Sequence[str]]
) -> list[TagNomination]:
    """Records a user's nominations: tag names by tag type.

    The limits count everything the user has nominated for the set so far, as AO3's one
    nomination form per user does."""
    if not tag_set.nominated:
        raise NominationError(
            gettext("%(tag_set)s is not currently accepting nominations.")
            % {"tag_set": tag_set.title}
        )
    already = TagNomination.objects.filter(tag_set=tag_set, pseud__user=pseud.user)
    names_by_type = {tag_type: names for tag_type, names in names_by_type.items() if names}
    for tag_type, names in names_by_type.items():
        _check_type(tag_set, tag_type, already, list(names))
    with transaction.atomic():
        return [
            TagNomination.objects.create(
                tag_set=tag_set, pseud=pseud, tag_type=tag_type, tagname=name
            )
            for tag_type, names in names_by_type.items()
            for name in names
        ]


def _check_type(tag_set, tag_type: str, already, names: list[str]) -> None:
    if tag_type not in NOMINATED_TYPES:
        raise NominationError(
            gettext("You cannot nominate %(tags)s.") % {"tags": tags_of_type(tag_type)}
        )
    limit = tag_set.nomination_limit(tag_type)
    earlier = list(already.filter(tag_type=tag_type).values_list("tagname", flat=True))
    if len(earlier) + len(names) > limit:
        raise NominationError(
            gettext(
                "You can only nominate %(tags)s; you have %(already)s already and tried to add "
                "%(count)s."
            )
            % {"tags": count_of_tags(tag_type, limit), "already": len(earlier), "count": len(names)}
        )
    folded = [name.lower() for name in [*earlier, *names]]
    twice = sorted({name for name in names if folded.count(name.lower()) > 1})
    if twice:
        raise NominationError(
            gettext("You seem to be trying to nominate %(names)s more than once.")
            % {"names": ", ".join(twice)}
        )


def review(
    moderator: User, tag_set: OwnedTagSet, nominations: Iterable[TagNomination], approve: bool
) -> int:
    """Approving adds each nominated tag to the set; rejecting leaves the set as it is.
    Every nomination with the same name and type gets the same answer, as on AO3."""
    if not tag_set.is_moderator(moderator):
        raise NotAModerator("Only the tag set's owners and moderators can review nominations.")
    nominations = list(nominations)
    status = NominationStatus.APPROVED if approve else NominationStatus.REJECTED
    with transaction.atomic():
        for tag_type in {nomination.tag_type for nomination in nominations}:
            names = [n.tagname for n in nominations if n.tag_type == tag_type]
            if approve:
                add_tags(tag_set, tag_type, names)
            same_names = TagNomination.objects.filter(
                tag_set=tag_set, tag_type=tag_type, tagname__in=names
            )
            same_names.update(status=status)
        for nomination in nominations:
            record(moderator, f"nomination {status}", tag_set, note=nomination.tagname)
    return len(nominations)
