"""Importing an uploaded batch in the background, one work (one transaction) at a time."""

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from fanfold.imports.models import PendingImport
from fanfold.imports.parsed import ParsedWork
from fanfold.imports.reading import unexpected
from fanfold.imports.writer import import_work


@task()
def import_batch(batch: str) -> int:
    """Safe to run twice: each row is claimed atomically before it is imported."""
    done = 0
    for pending_id in PendingImport.objects.filter(
        batch=batch, status=PendingImport.Status.WAITING
    ).values_list("id", flat=True):
        # The claim, the work and the row's outcome commit together: a worker killed halfway
        # leaves the row waiting for the rerun, never a work imported without its row knowing.
        with transaction.atomic():
            claimed = PendingImport.objects.filter(
                id=pending_id, status=PendingImport.Status.WAITING
            ).update(
                status=PendingImport.Status.WORKING, error=f"started {timezone.now():%H:%M:%S}"
            )
            if not claimed:
                continue
            pending = PendingImport.objects.select_related("user").get(id=pending_id)
            done += _import_one(pending)
    return done


def _import_one(pending: PendingImport) -> int:
    """1 when imported; a failure (its work rolled back) is recorded on the row and the batch goes on."""
    try:
        _, work = import_work(
            ParsedWork.from_json(pending.parsed or {}), pending.user, draft=pending.as_draft
        )
    except Exception as error:  # one file's failure must not stop the rest of the batch
        pending.status, pending.error = PendingImport.Status.FAILED, unexpected(error)
        pending.save(update_fields=["status", "error"])
        return 0
    pending.status, pending.work, pending.error = PendingImport.Status.IMPORTED, work, ""
    pending.save(update_fields=["status", "work", "error"])
    return 1
