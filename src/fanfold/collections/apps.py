"""Collections: curated groups of works and bookmarks, their maintainers and their reveals."""

from django.apps import AppConfig


class CollectionsConfig(AppConfig):
    name = "fanfold.collections"
    label = "collections"

    def ready(self) -> None:
        from fanfold.accounts.export import register_export_file
        from fanfold.collections import signals  # noqa: F401 - announces item changes
        from fanfold.collections.export import collection_items_of, collections_of
        from fanfold.collections.items import collection_links
        from fanfold.collections.workform import CollectionsPart
        from fanfold.works.forms import register_work_form_part
        from fanfold.works.preface import register_preface_links

        register_work_form_part(CollectionsPart())
        register_preface_links("collections", collection_links)
        register_export_file("collections.json", collections_of)
        register_export_file("collection_items.json", collection_items_of)
