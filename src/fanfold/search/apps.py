"""Search: the filter tags of works, the in-memory filter index, and the works filter."""

from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "fanfold.search"
