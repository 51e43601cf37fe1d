"""The archive as a whole: front page, error pages, security headers, serving."""

from django.apps import AppConfig


class ArchiveConfig(AppConfig):
    name = "fanfold.archive"

    def ready(self) -> None:
        from fanfold.archive import taskqueue  # noqa: F401 - connects the task-run signals
