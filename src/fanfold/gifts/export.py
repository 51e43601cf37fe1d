"""A user's gifts, given and received, for their data export (accounts.export)."""

from typing import Any

from fanfold.accounts.models import User
from fanfold.gifts.models import Gift


def gifts_of(user: User) -> dict[str, list[dict[str, Any]]]:
    received = Gift.objects.filter(pseud__user=user)
    given = Gift.objects.filter(work__creatorships__pseud__user=user).distinct()
    fields = ("work_id", "work__title", "pseud__name", "recipient_name", "rejected", "created_at")
    return {"received": list(received.values(*fields)), "given": list(given.values(*fields))}
