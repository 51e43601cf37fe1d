"""Collections: curated groups of works and bookmarks, their maintainers and their reveals."""

from django.apps import AppConfig


class CollectionsConfig(AppConfig):
    name = "fanfold.collections"
    label = "collections"

    def ready(self) -> None:
        from fanfold.collections import signals  # noqa: F401 - announces item changes
        from fanfold.collections.items import collection_links
        from fanfold.works.preface import register_preface_links

        register_preface_links("collections", collection_links)
