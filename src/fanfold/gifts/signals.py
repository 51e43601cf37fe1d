"""A work's recipients are part of its preface: any gift change announces the work. A work
posted from a draft or revealed tells its recipients then (AO3 e-mails them once it is public)."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from fanfold.gifts.giving import notify_recipients, public_gifts_of
from fanfold.gifts.models import Gift
from fanfold.works.changes import announce, work_published
from fanfold.works.models import Chapter, Work


@receiver(post_save, sender=Gift)
@receiver(post_delete, sender=Gift)
def _gift_changed(sender, instance: Gift, **kwargs) -> None:
    announce([instance.work_id])


@receiver(work_published)
def _tell_recipients(sender, work: Work, chapter: Chapter | None, **kwargs) -> None:
    if chapter is None:  # read at commit: collections settle the work's flags after this signal
        transaction.on_commit(lambda: notify_recipients(public_gifts_of(work.pk)))
