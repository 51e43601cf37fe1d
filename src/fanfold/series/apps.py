"""Series: ordered works read as one story ("Part 2 of The Long Way Home")."""

from django.apps import AppConfig
from django.db.models import Prefetch


class SeriesConfig(AppConfig):
    name = "fanfold.series"
    verbose_name_plural = "series"

    def ready(self) -> None:
        from fanfold.series import signals  # noqa: F401 - connects the change announcements
        from fanfold.series.models import SeriesWork
        from fanfold.works.listing import also_fetch_with_details

        memberships = SeriesWork.objects.select_related("series")
        also_fetch_with_details(Prefetch("series_memberships", queryset=memberships))
