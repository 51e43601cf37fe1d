"""Deleting an account: each work is orphaned or deleted as its creator chose."""

from django.db import transaction
from django.db.models import Exists, OuterRef, QuerySet

from fanfold.accounts.models import User
from fanfold.works import posting
from fanfold.works.models import Creatorship, Work
from fanfold.works.orphaning import orphan_works

ORPHAN, DELETE = "orphan", "delete"


def _sole_works(user: User) -> QuerySet[Work]:
    """Works only this user created; shared works simply lose this user's credit."""
    own = Work.objects.filter(creatorships__pseud__user=user).distinct()
    shared = Creatorship.objects.filter(work=OuterRef("pk")).exclude(pseud__user=user)
    return own.exclude(Exists(shared))


def works_to_decide(user: User) -> list[Work]:
    """The posted works the user chooses to orphan or delete."""
    return list(_sole_works(user).filter(posted=True).order_by("title"))


def delete_account(user: User, decisions: dict[int, str], keep_pseud: bool) -> None:
    """Orphans or deletes the user's works, drops drafts, then removes the account.

    Comments stay, shown as "[deleted user]"; bookmarks, history and settings go.
    """
    with transaction.atomic():
        to_orphan = []
        for work in works_to_decide(user):
            if decisions.get(work.pk, ORPHAN) == ORPHAN:
                to_orphan.append(work)
            else:
                posting.delete_work(work)
        for draft in _sole_works(user).filter(posted=False):
            posting.delete_work(draft)
        orphan_works(user, to_orphan, keep_pseud)
        user.delete()
