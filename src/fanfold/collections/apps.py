"""Collections: curated groups of works and bookmarks, their maintainers and their reveals."""

from django.apps import AppConfig


class CollectionsConfig(AppConfig):
    name = "fanfold.collections"
    label = "collections"
