"""The maintainers' reveals: unrevealed works become readable, anonymous creators named."""

import functools

from django.db import transaction
from django.utils.translation import gettext as _

from fanfold.accounts.models import User
from fanfold.collections.items import refresh_work_flags
from fanfold.collections.membership import CollectionRefused, is_maintainer
from fanfold.collections.models import Collection, CollectionItem
from fanfold.collections.notifications import notify_of_reveal
from fanfold.feedback.notifications import queue_announcement
from fanfold.moderation.audit import record
from fanfold.works.models import Work


def reveal_works(collection: Collection, actor: User) -> int:
    """Reveals every unrevealed item and turns the preference off, as AO3's edit form does;
    returns how many works became readable."""
    return _reveal(collection, actor, "unrevealed", "revealed works")


def reveal_creators(collection: Collection, actor: User) -> int:
    """Names the creators of every anonymous item and turns the preference off; returns how
    many works changed."""
    return _reveal(collection, actor, "anonymous", "revealed creators")


def _reveal(collection: Collection, actor: User, flag: str, action: str) -> int:
    if not is_maintainer(actor, collection):
        raise CollectionRefused(_("Only the collection's maintainers can reveal its items."))
    with transaction.atomic():
        Collection.objects.filter(pk=collection.pk).update(**{flag: False})
        setattr(collection, flag, False)
        items = CollectionItem.objects.filter(collection=collection, **{flag: True})
        work_ids = list(items.exclude(work=None).values_list("work_id", flat=True))
        items.update(**{flag: False})
        changed = _refresh(work_ids, flag)
        record(actor, action, collection, note=f"{len(changed)} works")
        for work in changed:
            if flag == "unrevealed":
                queue_announcement(work)  # subscribers hear of it now, as on AO3
            transaction.on_commit(functools.partial(notify_of_reveal, work, collection))
    return len(changed)


def _refresh(work_ids: list[int], flag: str) -> list[Work]:
    """The works whose flag the reveal cleared (another collection may still hold it)."""
    changed = []
    for work in Work.objects.filter(pk__in=work_ids):
        was_hidden = getattr(work, flag)
        refresh_work_flags(work)
        if was_hidden and not getattr(work, flag):
            changed.append(work)
    return changed
