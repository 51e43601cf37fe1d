"""Queueing a background task together with the write that asks for it."""

from typing import Any

from django.db import transaction
from django_tasks.base import Task
from django_tasks_db.backend import DatabaseBackend


def enqueue_with_the_write(task: Task, *args: Any) -> None:
    """Queues `task` so that it exists if and only if the caller's transaction commits.

    The database queue stores it inside that transaction (queueing it after the commit would
    lose it if the process died in between); other backends, such as the immediate one of the
    tests, get it after the commit, when the task can see what was written."""
    if isinstance(task.get_backend(), DatabaseBackend):
        task.enqueue(*args)
    else:
        transaction.on_commit(lambda: task.enqueue(*args))
