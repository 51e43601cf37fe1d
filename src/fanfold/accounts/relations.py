"""Blocking and muting other users (AO3 caps each list at 2,000; so do we)."""

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from fanfold.accounts.models import Block, Mute, User

MAX_ENTRIES = 2_000


class RelationRefused(Exception):
    """A block or mute the archive will not record, with the sentence to show."""


def _add(model, field_self: str, field_other: str, user: User, other: User) -> None:
    if user.pk == other.pk:
        raise RelationRefused(_("You can't do that to yourself."))
    if model.objects.filter(**{field_self: user}).count() >= MAX_ENTRIES:
        raise RelationRefused(
            _("You can have at most %(count)s users on this list.") % {"count": f"{MAX_ENTRIES:,}"}
        )
    model.objects.get_or_create(**{field_self: user, field_other: other})


def block(user: User, other: User) -> None:
    _add(Block, "blocker", "blocked", user, other)


def mute(user: User, other: User) -> None:
    _add(Mute, "muter", "muted", user, other)


def unblock(user: User, other: User) -> None:
    Block.objects.filter(blocker=user, blocked=other).delete()


def unmute(user: User, other: User) -> None:
    Mute.objects.filter(muter=user, muted=other).delete()


def is_blocked_by_any(viewer, user_ids) -> bool:
    """Whether any of these users has blocked the viewer."""
    return bool(
        viewer.is_authenticated
        and Block.objects.filter(blocker_id__in=list(user_ids), blocked=viewer).exists()
    )


def muted_user_ids(viewer) -> QuerySet:
    if not viewer.is_authenticated:
        return User.objects.none().values_list("id", flat=True)
    return Mute.objects.filter(muter=viewer).values_list("muted_id", flat=True)
