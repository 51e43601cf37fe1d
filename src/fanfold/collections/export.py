"""A user's collections and collection items, for their data export (accounts.export)."""

from typing import Any

from django.db.models import Q

from fanfold.accounts.models import User
from fanfold.collections.models import CollectionItem, CollectionParticipant


def collections_of(user: User) -> list[dict[str, Any]]:
    participations = CollectionParticipant.objects.filter(pseud__user=user)
    rows = participations.values(
        "collection__name", "collection__title", "pseud__name", "role", "created_at"
    )
    return [dict(row) for row in rows]


def collection_items_of(user: User) -> list[dict[str, Any]]:
    theirs = Q(work__creatorships__pseud__user=user) | Q(bookmark__user=user)
    return [
        dict(row)
        for row in CollectionItem.objects.filter(theirs)
        .distinct()
        .values(
            "collection__name",
            "work_id",
            "work__title",
            "bookmark_id",
            "user_approval_status",
            "collection_approval_status",
            "unrevealed",
            "anonymous",
            "created_at",
        )
    ]
