"""Crash recovery for the database task queue: a task whose worker died mid-run goes back to
the queue, and what a task sends by e-mail goes out once however often the task runs.

django-tasks-db marks a claimed task RUNNING and never looks at it again, so a worker killed
with SIGKILL (or by the OOM killer) would strand it. Each worker is named after its machine,
process id and process start time; a worker starting on that machine re-queues the RUNNING
tasks of workers of that machine that no longer exist, and the tasks that failed because the
database connection was lost (PostgreSQL restarted under them). A task that has been cut off
`MOST_ATTEMPTS` times is marked failed instead of being tried forever.
"""

import contextvars
import datetime
import os
import socket
from pathlib import Path

from django.db.models import Min
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks.signals import task_finished, task_started
from django_tasks_db.models import DBTaskResult

MOST_ATTEMPTS = 3
# A task that failed with these lost its database connection (a restart): it is tried again.
DATABASE_WENT_AWAY = ["django.db.utils.OperationalError", "django.db.utils.InterfaceError"]
HOST = socket.gethostname()[:32]  # worker ids are at most 64 characters

# The id of the task this thread is running, for keys that must be the same on a rerun.
current_task_id: contextvars.ContextVar[str] = contextvars.ContextVar("current_task_id", default="")


class WorkerDied(Exception):
    """The worker running the task was killed before the task finished."""


def _start_time(pid: int) -> str | None:
    """The process's start time in clock ticks since boot (a reused pid has another), or None
    if there is no such process."""
    if not Path("/proc/self/stat").exists():  # not Linux: only whether the pid lives is known
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return None
        except PermissionError:
            pass
        return "?"
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return None
    return stat.rsplit(")", 1)[1].split()[19]


def this_worker_id() -> str:
    pid = os.getpid()
    return f"{HOST}:{pid}:{_start_time(pid)}"


def _is_dead_worker_of_this_host(worker_id: str) -> bool:
    host, _, pid_and_start = worker_id.partition(":")  # host names hold no colon
    pid, _, started = pid_and_start.partition(":")
    if host != HOST or not pid.isdigit():
        return False  # another machine's worker, or one named by hand: not ours to judge
    return _start_time(int(pid)) not in (started, "?")


def requeue_abandoned_tasks() -> list[str]:
    """Returns to the queue the RUNNING tasks of this machine's dead workers, and the tasks that
    failed because the database went away under them (it restarted); returns their ids."""
    requeued = []
    for result in DBTaskResult.objects.running():
        if not result.worker_ids or not _is_dead_worker_of_this_host(result.worker_ids[-1]):
            continue
        if len(result.worker_ids) >= MOST_ATTEMPTS:
            result.set_failed(WorkerDied(f"its worker died {len(result.worker_ids)} times"))
            continue
        requeued += _requeue(DBTaskResult.objects.running().filter(pk=result.pk))
    for result in _cut_off_by_the_database():
        if len(result.worker_ids) < MOST_ATTEMPTS:
            requeued += _requeue(DBTaskResult.objects.failed().filter(pk=result.pk))
    return requeued


def _cut_off_by_the_database():
    """The tasks of the last day that failed because the database went away under them."""
    recently = timezone.now() - datetime.timedelta(days=1)
    return DBTaskResult.objects.failed().filter(
        exception_class_path__in=DATABASE_WENT_AWAY, finished_at__gte=recently
    )


def oldest_task_that_may_run_again() -> datetime.datetime | None:
    """When the oldest task still waiting, running, or due to be queued again was queued."""
    unfinished = DBTaskResult.objects.filter(
        status__in=[TaskResultStatus.READY, TaskResultStatus.RUNNING]
    )
    return (unfinished | _cut_off_by_the_database()).aggregate(oldest=Min("enqueued_at"))["oldest"]


def _requeue(still_unfinished) -> list[str]:
    ids = [str(pk) for pk in still_unfinished.values_list("pk", flat=True)]
    if still_unfinished.update(status=TaskResultStatus.READY, started_at=None, finished_at=None):
        return ids
    return []


def _remember_task(sender, task_result, **kwargs) -> None:
    current_task_id.set(str(task_result.id))


def _forget_task(sender, task_result, **kwargs) -> None:
    current_task_id.set("")


task_started.connect(_remember_task)
task_finished.connect(_forget_task)
