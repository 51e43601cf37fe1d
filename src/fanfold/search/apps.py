"""Search: the filter tags of works, the in-memory filter index, and the works filter."""

from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "fanfold.search"

    def ready(self) -> None:
        from fanfold.search import signals  # noqa: F401 - listens for changed works
