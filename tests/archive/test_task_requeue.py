"""Which stopped tasks a starting worker queues again: those whose database connection was
lost under them, up to three tries; not those that failed for any other reason."""

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from fanfold.archive.taskqueue import requeue_abandoned_tasks
from fanfold.search.tasks import rederive_filter_tags


@pytest.fixture
def failed_task(settings, db):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

    def make(exception: str, tries: int) -> DBTaskResult:
        result = DBTaskResult.objects.get(pk=rederive_filter_tags.enqueue([1]).id)
        DBTaskResult.objects.filter(pk=result.pk).update(
            status="FAILED",
            exception_class_path=exception,
            finished_at=timezone.now(),
            worker_ids=[f"other-host:{n}:1" for n in range(tries)],
        )
        return result

    return make


def status(result: DBTaskResult) -> str:
    return DBTaskResult.objects.get(pk=result.pk).status


def test_a_task_that_lost_its_database_is_queued_again(failed_task):
    cut_off = failed_task("django.db.utils.OperationalError", tries=1)
    dropped = failed_task("django.db.utils.InterfaceError", tries=2)
    requeue_abandoned_tasks()
    assert (status(cut_off), status(dropped)) == ("READY", "READY")


def test_a_task_cut_off_three_times_or_failing_otherwise_stays_failed(failed_task):
    thrice = failed_task("django.db.utils.OperationalError", tries=3)
    broken = failed_task("builtins.ValueError", tries=1)
    integrity = failed_task("django.db.utils.IntegrityError", tries=1)
    requeue_abandoned_tasks()
    assert [status(t) for t in (thrice, broken, integrity)] == ["FAILED"] * 3
