"""Tags: the seven AO3 tag types plus media, and their wrangling."""

from django.apps import AppConfig


class TagsConfig(AppConfig):
    name = "fanfold.tags"

    def ready(self) -> None:
        from fanfold.tags import signals  # noqa: F401 - connects the wrangling announcements
