"""`fanfold db_worker`: django-tasks-db's worker, named so that a worker starting later can
tell it died, and re-queueing the tasks of this machine's dead workers before it starts."""

import logging

from django_tasks_db.management.commands import db_worker

from fanfold.archive.taskqueue import requeue_abandoned_tasks, this_worker_id

logger = logging.getLogger("django_tasks_db")


class Command(db_worker.Command):
    def add_arguments(self, parser) -> None:
        super().add_arguments(parser)
        parser.set_defaults(worker_id=this_worker_id())

    def handle(self, *args, **options) -> None:
        self.configure_logging(options["verbosity"])
        for task_id in requeue_abandoned_tasks():
            logger.warning(
                "Task id=%s was cut off by a dead worker or database; queued again", task_id
            )
        super().handle(*args, **options)
