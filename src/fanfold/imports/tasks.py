"""Importing an uploaded batch in the background, one work (one transaction) at a time."""

from django.utils import timezone
from django_tasks import task

from fanfold.imports.models import PendingImport
from fanfold.imports.parsed import ParsedWork
from fanfold.imports.writer import import_work


@task()
def import_batch(batch: str) -> int:
    """Safe to run twice: each row is claimed atomically before it is imported."""
    done = 0
    for pending_id in PendingImport.objects.filter(
        batch=batch, status=PendingImport.Status.WAITING
    ).values_list("id", flat=True):
        claimed = PendingImport.objects.filter(
            id=pending_id, status=PendingImport.Status.WAITING
        ).update(status=PendingImport.Status.WORKING, error=f"started {timezone.now():%H:%M:%S}")
        if not claimed:
            continue
        pending = PendingImport.objects.select_related("user").get(id=pending_id)
        _, work = import_work(
            ParsedWork.from_json(pending.parsed or {}), pending.user, draft=pending.as_draft
        )
        pending.status, pending.work, pending.error = PendingImport.Status.IMPORTED, work, ""
        pending.save(update_fields=["status", "work", "error"])
        done += 1
    return done
