"""Subscribers hear of new writing the works layer announces (works.changes.work_published)."""

from django.dispatch import receiver

from fanfold.feedback.notifications import queue_announcement
from fanfold.works.changes import work_published
from fanfold.works.models import Chapter, Work


@receiver(work_published)
def _tell_subscribers(sender, work: Work, chapter: Chapter | None, **kwargs) -> None:
    queue_announcement(work, chapter)
