"""Leaving kudos: exact under concurrency because the database, not the code, refuses doubles."""

import enum
import hashlib

from django.db import IntegrityError, transaction
from django.db.models import Count, F, Q

from fanfold.accounts.relations import is_blocked_by_any
from fanfold.feedback.models import Kudo
from fanfold.feedback.notifications import queue_kudos_email
from fanfold.works.models import Work
from fanfold.works.visibility import Viewer, is_creator


class KudosResult(enum.Enum):
    LEFT = "Thank you for leaving kudos!"
    ALREADY = "You have already left kudos here. :)"
    OWN_WORK = "You can't leave kudos on your own work."
    BLOCKED = "Sorry, you can't leave kudos here."


def hashed(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


def leave_kudos(work: Work, viewer: Viewer, ip: str, cookie: str) -> KudosResult:
    if is_creator(viewer, work):
        return KudosResult.OWN_WORK
    if is_blocked_by_any(viewer, work.creatorships.values_list("pseud__user_id", flat=True)):
        return KudosResult.BLOCKED
    if viewer.is_authenticated:
        kudo = Kudo(work=work, user=viewer)
    else:
        if (
            Kudo.objects.filter(work=work, user=None, guest_cookie=cookie)
            .exclude(guest_cookie="")
            .exists()
        ):
            return KudosResult.ALREADY
        kudo = Kudo(work=work, guest_ip=hashed(ip), guest_cookie=cookie)
    try:
        with transaction.atomic():
            kudo.save()
            # The count moves in the same transaction as the row, so it is always exact.
            Work.objects.filter(pk=work.pk).update(kudos_count=F("kudos_count") + 1)
            queue_kudos_email(work)
    except IntegrityError:
        return KudosResult.ALREADY
    return KudosResult.LEFT


NAMES_SHOWN = 50


def kudos_summary(work: Work) -> dict:
    """AO3's "<names> and N guests left kudos on this work!" with the long list cut short."""
    counts = work.kudos.aggregate(
        users=Count("pk", filter=Q(user__isnull=False)), guests=Count("pk", filter=Q(user=None))
    )
    users = work.kudos.exclude(user=None).order_by("-id")
    names = users.values_list("user__username", flat=True)[:NAMES_SHOWN] if counts["users"] else []
    return {
        "names": list(names),
        "more_users": max(counts["users"] - NAMES_SHOWN, 0),
        "guests": counts["guests"],
    }
