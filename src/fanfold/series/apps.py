"""Series: ordered works read as one story ("Part 2 of The Long Way Home")."""

from django.apps import AppConfig


class SeriesConfig(AppConfig):
    name = "fanfold.series"
    verbose_name_plural = "series"

    def ready(self) -> None:
        from fanfold.series import signals  # noqa: F401 - connects the change announcements
