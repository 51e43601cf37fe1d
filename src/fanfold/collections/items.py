"""Adding works and bookmarks to collections with both sides' consent, as on AO3.

The creator's side is approved when the creator adds the item; the collection's side when it
is not moderated or the one adding it is a member or maintainer. A maintainer may invite an
item: the creator then approves or rejects it on their collection items page.
"""

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from fanfold.accounts.models import User
from fanfold.collections.membership import CollectionRefused, is_maintainer, posts_without_approval
from fanfold.collections.models import Approval, Collection, CollectionItem
from fanfold.collections.notifications import notify_collection_of_item
from fanfold.feedback.models import Bookmark
from fanfold.moderation.audit import record
from fanfold.works.models import Work
from fanfold.works.preface import Link
from fanfold.works.visibility import is_creator


def owns_item(user: User, item: CollectionItem) -> bool:
    if item.work is not None:
        return is_creator(user, item.work)
    return item.bookmark is not None and item.bookmark.user_id == user.pk


def add_work(collection: Collection, work: Work, actor: User) -> CollectionItem:
    return _add(CollectionItem(collection=collection, work=work), actor)


def work_in(collection: Collection, work: Work, actor: User) -> CollectionItem:
    """The work's item in the collection, added now if it is not there yet."""
    item = CollectionItem.objects.filter(collection=collection, work=work).first()
    return item if item is not None else add_work(collection, work, actor)


def add_bookmark(collection: Collection, bookmark: Bookmark, actor: User) -> CollectionItem:
    return _add(CollectionItem(collection=collection, bookmark=bookmark), actor)


def _add(item: CollectionItem, actor: User) -> CollectionItem:
    collection = item.collection
    if collection.closed:
        raise CollectionRefused(
            _("Collection %(title)s is currently closed.") % {"title": collection.title}
        )
    owner, maintainer = owns_item(actor, item), is_maintainer(actor, collection)
    if not (owner or maintainer):
        raise CollectionRefused(_("You can only add your own works and bookmarks."))
    already = CollectionItem.objects.filter(collection=collection)
    if already.filter(Q(work=item.work) if item.work_id else Q(bookmark=item.bookmark)).exists():
        raise CollectionRefused(
            _("This item is already in %(title)s.") % {"title": collection.title}
        )
    if owner:
        item.user_approval_status = Approval.APPROVED
    if not collection.moderated or posts_without_approval(actor, collection):
        item.collection_approval_status = Approval.APPROVED
    item.unrevealed, item.anonymous = collection.unrevealed, collection.anonymous
    with transaction.atomic():
        item.save()
        refresh_work_flags(item.work)
    transaction.on_commit(
        lambda: notify_collection_of_item(collection, str(item.work or item.bookmark))
    )
    return item


def review_as_collection(item: CollectionItem, actor: User, approve: bool) -> None:
    if not is_maintainer(actor, item.collection):
        raise CollectionRefused(_("Only the collection's maintainers can review its items."))
    item.collection_approval_status = Approval.APPROVED if approve else Approval.REJECTED
    _save(item)
    record(actor, "approved item" if approve else "rejected item", item.collection, str(item))


def review_as_creator(item: CollectionItem, user: User, approve: bool) -> None:
    if not owns_item(user, item):
        raise CollectionRefused(_("Only the item's creator can approve or reject it."))
    item.user_approval_status = Approval.APPROVED if approve else Approval.REJECTED
    _save(item)


def remove_item(item: CollectionItem, actor: User) -> None:
    owner = owns_item(actor, item)
    if not (owner or is_maintainer(actor, item.collection)):
        raise CollectionRefused(_("You cannot remove this item."))
    with transaction.atomic():
        item.delete()
        refresh_work_flags(item.work)
        if not owner:
            record(actor, "removed item", item.collection, str(item))


def _save(item: CollectionItem) -> None:
    with transaction.atomic():
        item.save()
        refresh_work_flags(item.work)


# The creator put it there and the collection has not refused it: an item still waiting in a
# moderated collection's queue already hides its work, or the surprise would leak meanwhile.
IN_FORCE = Q(user_approval_status=Approval.APPROVED) & ~Q(
    collection_approval_status=Approval.REJECTED
)


def refresh_work_flags(work: Work | None) -> None:
    """Derives Work.unrevealed and Work.anonymous (AO3's in_unrevealed_collection and
    in_anon_collection) from the work's items; saving announces the change to the index."""
    if work is None:
        return
    items = CollectionItem.objects.filter(IN_FORCE, work=work)
    unrevealed = items.filter(unrevealed=True).exists()
    anonymous = items.filter(anonymous=True).exists()
    if (work.unrevealed, work.anonymous) == (unrevealed, anonymous):
        return
    work.unrevealed, work.anonymous = unrevealed, anonymous
    work.save(update_fields=["unrevealed", "anonymous", "modified_at"])


def collection_links(work: Work) -> list[Link]:
    """AO3's "Collections:" line: the approved collections holding the work."""
    items = CollectionItem.objects.approved().filter(work=work).select_related("collection")
    return [Link(item.collection.title, item.collection.get_absolute_url()) for item in items]
