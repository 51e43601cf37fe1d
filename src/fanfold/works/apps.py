"""Works and chapters: posting, editing, reading, and who may see them."""

from django.apps import AppConfig


class WorksConfig(AppConfig):
    name = "fanfold.works"

    def ready(self) -> None:
        from fanfold.works import signals  # noqa: F401 - connects the change announcements
