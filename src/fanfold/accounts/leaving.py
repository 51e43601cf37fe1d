"""Deleting an account: each work is orphaned or deleted as its creator chose."""

from django.db import transaction
from django.db.models import Exists, OuterRef

from fanfold.accounts.models import User
from fanfold.works import posting
from fanfold.works.models import Creatorship, Work
from fanfold.works.orphaning import orphan_works

ORPHAN, DELETE = "orphan", "delete"


def works_to_decide(user: User) -> list[Work]:
    """Posted works only this user created; shared works simply lose this user's credit."""
    own = Work.objects.filter(creatorships__pseud__user=user, posted=True).distinct()
    shared = Creatorship.objects.filter(work=OuterRef("pk")).exclude(pseud__user=user)
    return list(own.exclude(Exists(shared)).order_by("title"))


def delete_account(user: User, decisions: dict[int, str], keep_pseud: bool) -> None:
    """Orphans or deletes the user's works, drops drafts, then removes the account.

    Comments stay, shown as "[deleted user]"; bookmarks, history and settings go.
    """
    with transaction.atomic():
        sole_works = works_to_decide(user)
        to_orphan = [work for work in sole_works if decisions.get(work.pk, ORPHAN) == ORPHAN]
        for work in sole_works:
            if work not in to_orphan:
                posting.delete_work(work)
        for draft in Work.objects.filter(creatorships__pseud__user=user, posted=False):
            if not draft.creatorships.exclude(pseud__user=user).exists():
                posting.delete_work(draft)
        orphan_works(user, to_orphan, keep_pseud)
        user.delete()
