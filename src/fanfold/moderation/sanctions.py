"""Whether an account may act right now (suspensions end by themselves)."""

from django.utils import timezone

from fanfold.accounts.models import User
from fanfold.moderation.models import Sanction, SanctionKind


def active_suspension(user: User) -> Sanction | None:
    return (
        Sanction.objects.filter(
            user=user, kind=SanctionKind.SUSPENSION, lifted_at=None, until__gt=timezone.now()
        )
        .order_by("-until")
        .first()
    )
