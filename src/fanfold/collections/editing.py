"""Editing and deleting a collection; turning off unrevealed or anonymous reveals."""

from django.db import transaction
from django.utils.translation import gettext as _

from fanfold.accounts.models import User
from fanfold.collections.items import refresh_work_flags
from fanfold.collections.membership import (
    CollectionRefused,
    check_parent,
    is_maintainer,
    is_owner,
)
from fanfold.collections.models import Collection
from fanfold.collections.reveal import reveal_creators, reveal_works
from fanfold.moderation.audit import record
from fanfold.works.models import Work


def save_collection(edited: Collection, actor: User) -> None:
    """As on AO3, unchecking "unrevealed" reveals the works, "anonymous" their creators."""
    before = Collection.objects.get(pk=edited.pk)
    if not is_maintainer(actor, before):
        raise CollectionRefused(_("Only the collection's maintainers can edit it."))
    check_parent(edited, actor)
    with transaction.atomic():
        edited.save()
        record(actor, "edited collection", edited)
        if before.unrevealed and not edited.unrevealed:
            reveal_works(edited, actor)
        if before.anonymous and not edited.anonymous:
            reveal_creators(edited, actor)


def delete_collection(collection: Collection, actor: User) -> None:
    """Owners delete a collection; its works stay, their derived flags recomputed."""
    if not is_owner(actor, collection):
        raise CollectionRefused(_("Only the collection's owners can delete it."))
    record(actor, "deleted collection", collection)
    with transaction.atomic():
        works = list(Work.objects.filter(collection_items__collection=collection))
        collection.delete()
        for work in works:
            refresh_work_flags(work)
