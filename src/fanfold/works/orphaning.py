"""Orphaning: handing works to the shared orphan account, for good."""

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from fanfold.accounts.models import Pseud, User
from fanfold.works.changes import credit_orphaned
from fanfold.works.models import Creatorship, Work

ORPHAN_USERNAME = "orphan_account"


def orphan_account() -> User:
    """The shared account orphaned works belong to; nobody can sign in to it."""
    user, _ = User.objects.get_or_create(
        username=ORPHAN_USERNAME,
        defaults={
            "email": "orphan_account@invalid",
            "password": make_password(None),
            "email_confirmed_at": timezone.now(),
        },
    )
    return user  # its default pseud, "orphan_account", comes with it (accounts.signals)


def _orphan_pseud(orphans: User, pseud: Pseud, keep_pseud: bool) -> Pseud:
    if not keep_pseud:
        return orphans.default_pseud
    kept = orphans.pseuds.filter(name__iexact=pseud.name).first()
    return kept or Pseud.objects.create(user=orphans, name=pseud.name)


def orphan_works(user: User, works: list[Work], keep_pseud: bool) -> None:
    """Moves `user`'s credit on each work to the orphan account; other co-creators stay."""
    orphans = orphan_account()
    with transaction.atomic():
        for work in works:
            for creatorship in Creatorship.objects.filter(work=work, pseud__user=user):
                target = _orphan_pseud(orphans, creatorship.pseud, keep_pseud)
                credit_orphaned.send(Work, work=work, pseud=creatorship.pseud, orphan_pseud=target)
                if Creatorship.objects.filter(work=work, pseud=target).exists():
                    creatorship.delete()
                else:
                    creatorship.pseud = target
                    creatorship.save(update_fields=["pseud"])
            work.revised_at = timezone.now()
            work.save(update_fields=["revised_at", "modified_at"])
