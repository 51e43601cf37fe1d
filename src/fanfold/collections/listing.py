"""What the collection pages list: collections by AO3's filters, approved items, queues."""

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import Lower
from django.http import QueryDict

from fanfold.accounts.models import User
from fanfold.collections.models import Collection, CollectionItem
from fanfold.feedback.models import Bookmark
from fanfold.works.visibility import Viewer, mystery_works_for, visible_works_for

# The tabs of AO3's collection items pages, and what each shows.
ITEM_TABS = {
    "unreviewed": "Awaiting Approval",
    "approved": "Approved",
    "rejected": "Rejected",
}


def collections_matching(query: QueryDict) -> QuerySet[Collection]:
    """AO3's collection filters: title words, open or closed, moderated, and the like."""
    found = Collection.objects.all()
    title = query.get("collection_filters[title]", "").strip()
    if title:
        found = found.filter(Q(title__icontains=title) | Q(name__icontains=title))
    for flag in ("closed", "moderated", "unrevealed", "anonymous"):
        answer = query.get(f"collection_filters[{flag}]", "")
        if answer in ("T", "F"):
            found = found.filter(**{flag: answer == "T"})
    top_level = query.get("collection_filters[top_level]", "")
    if top_level in ("T", "F"):
        found = found.filter(parent__isnull=top_level == "T")
    return found


def with_child_counts(collections: QuerySet[Collection]) -> QuerySet[Collection]:
    """For collection blurbs, in title order (a grouped query drops the model's ordering)."""
    return collections.annotate(child_count=Count("children")).order_by(Lower("title"), "id")


def approved_items(collection: Collection) -> QuerySet[CollectionItem]:
    """A parent lists its subcollections' items with its own, as on AO3."""
    return CollectionItem.objects.approved().filter(collection_id__in=collection.family_ids)


def approved_work_ids(collection: Collection) -> QuerySet:
    return approved_items(collection).exclude(work=None).values("work_id")


def mystery_items(collection: Collection, viewer: Viewer) -> QuerySet[CollectionItem]:
    """Approved works the viewer may not read yet: AO3's "Mystery Work" blurbs."""
    items = approved_items(collection).filter(work__in=mystery_works_for(viewer))
    return items.select_related("collection", "work").order_by("-created_at", "-id")


def bookmarks_by_work(collection: Collection, viewer: Viewer) -> dict[int, Bookmark]:
    """Public bookmarks in the collection (the viewer's own private ones too), by work."""
    mine = Q(user_id=viewer.pk) if viewer.is_authenticated else Q(pk__in=[])
    bookmarks = Bookmark.objects.filter(
        Q(private=False) | mine,
        pk__in=approved_items(collection).exclude(bookmark=None).values("bookmark_id"),
        work__in=visible_works_for(viewer),
    ).order_by("created_at")
    return {
        bookmark.work_id: bookmark
        for bookmark in bookmarks.prefetch_related("tags")
        if bookmark.work_id is not None
    }


def queue(collection: Collection, tab: str) -> QuerySet[CollectionItem]:
    """The maintainers' view of the collection's side of each item."""
    items = collection.items.filter(collection_approval_status=tab)
    return items.select_related("work", "bookmark__work", "bookmark__user").prefetch_related(
        "work__creatorships__pseud"
    )


def user_items(user: User, tab: str) -> QuerySet[CollectionItem]:
    """The creator's side: items of their works and bookmarks in every collection."""
    theirs = Q(work__creatorships__pseud__user=user) | Q(bookmark__user=user)
    items = CollectionItem.objects.filter(theirs, user_approval_status=tab).distinct()
    return items.select_related("collection", "work", "bookmark__work").order_by("-created_at")
