"""Who takes part in a collection and in which role; a parent's participants count in its
subcollections, as on AO3."""

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from fanfold.accounts.models import Pseud, User
from fanfold.collections.models import (
    MAINTAINER_ROLES,
    POSTING_ROLES,
    Collection,
    CollectionParticipant,
    Role,
)
from fanfold.moderation.audit import record
from fanfold.works.visibility import Viewer


class CollectionRefused(Exception):
    """An action on a collection that its rules refuse; the message is for the user."""


def _participations(collection: Collection) -> QuerySet[CollectionParticipant]:
    family = Q(collection=collection)
    if collection.parent_id:
        family |= Q(collection_id=collection.parent_id)
    return CollectionParticipant.objects.filter(family)


def roles_of(viewer: Viewer, collection: Collection) -> set[str]:
    if not viewer.is_authenticated:
        return set()
    mine = _participations(collection).filter(pseud__user=viewer)
    return set(mine.values_list("role", flat=True))


def is_owner(viewer: Viewer, collection: Collection) -> bool:
    return Role.OWNER in roles_of(viewer, collection)


def is_maintainer(viewer: Viewer, collection: Collection) -> bool:
    return bool(roles_of(viewer, collection) & set(MAINTAINER_ROLES))


def posts_without_approval(viewer: Viewer, collection: Collection) -> bool:
    """Members and maintainers skip a moderated collection's queue."""
    return bool(roles_of(viewer, collection) & set(POSTING_ROLES))


def participants_in(collection: Collection, roles: tuple[str, ...]) -> QuerySet[Pseud]:
    ids = _participations(collection).filter(role__in=roles).values("pseud_id")
    return Pseud.objects.filter(pk__in=ids).select_related("user")


def maintainer_users(collection: Collection) -> QuerySet[User]:
    return User.objects.filter(pk__in=participants_in(collection, MAINTAINER_ROLES).values("user"))


def check_parent(collection: Collection, user: User) -> None:
    """One level only, and only a parent's maintainers may hang collections under it."""
    parent = collection.parent
    if parent is None:
        return
    if parent.parent_id is not None or (collection.pk and collection.children.exists()):
        raise CollectionRefused(
            _("Sorry, but %(name)s is a subcollection, so it can't also be a parent collection.")
            % {"name": parent.name}
        )
    if not is_maintainer(user, parent):
        raise CollectionRefused(
            _("You have to be a maintainer of %(name)s to make a subcollection.")
            % {"name": parent.name}
        )


def create_collection(collection: Collection, owner: Pseud) -> Collection:
    """Saves a new collection with `owner` as its first owner."""
    check_parent(collection, owner.user)
    with transaction.atomic():
        collection.save()
        CollectionParticipant.objects.create(collection=collection, pseud=owner, role=Role.OWNER)
    return collection


def set_role(actor: User, collection: Collection, pseud: Pseud, role: str) -> CollectionParticipant:
    """Owners add participants or change their roles; the last owner cannot step down."""
    if not is_owner(actor, collection):
        raise CollectionRefused(_("Only the collection's owners can change its participants."))
    current = collection.participants.filter(pseud=pseud).first()
    if current and current.role == Role.OWNER and role != Role.OWNER:
        _keep_an_owner(collection, current)
    participant, _created = CollectionParticipant.objects.update_or_create(
        collection=collection, pseud=pseud, defaults={"role": role}
    )
    record(actor, f"collection participant {pseud.name} set to {role}", collection)
    return participant


def remove_participant(actor: User, participant: CollectionParticipant) -> None:
    collection = participant.collection
    leaving_self = participant.pseud.user_id == actor.pk
    if not (leaving_self or is_owner(actor, collection)):
        raise CollectionRefused(_("Only the collection's owners can remove participants."))
    if participant.role == Role.OWNER:
        _keep_an_owner(collection, participant)
    participant.delete()
    record(actor, f"collection participant {participant.pseud.name} removed", collection)


def _keep_an_owner(collection: Collection, leaving: CollectionParticipant) -> None:
    others = collection.participants.filter(role=Role.OWNER).exclude(pk=leaving.pk)
    if not others.exists():
        raise CollectionRefused(_("A collection needs at least one owner."))


def join(collection: Collection, pseud: Pseud) -> CollectionParticipant:
    """AO3's "Join": an open collection takes members; a closed one only its owners' invitees,
    who become members when they join."""
    current = collection.participants.filter(pseud=pseud).first()
    if current is None and collection.closed:
        raise CollectionRefused(
            _("Collection %(title)s is currently closed.") % {"title": collection.title}
        )
    if current is not None and current.role != Role.INVITED:
        return current
    participant, _created = CollectionParticipant.objects.update_or_create(
        collection=collection, pseud=pseud, defaults={"role": Role.MEMBER}
    )
    return participant
