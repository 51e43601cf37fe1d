"""A user's tag sets and nominations, for their data export (pages.accounts.export)."""

from typing import Any

from fanfold.accounts.models import User
from fanfold.tagsets.models import TagNomination, TagSetRole


def tag_sets_of(user: User) -> dict[str, Any]:
    return {
        "roles": list(
            TagSetRole.objects.filter(pseud__user=user).values(
                "tag_set__title", "pseud__name", "owner"
            )
        ),
        "nominations": list(
            TagNomination.objects.filter(pseud__user=user).values(
                "tag_set__title", "tag_type", "tagname", "status", "created_at"
            )
        ),
    }
