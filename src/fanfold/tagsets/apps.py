"""Owned tag sets: lists of tags a challenge draws its prompts from, grown by nominations."""

from django.apps import AppConfig


class TagSetsConfig(AppConfig):
    name = "fanfold.tagsets"
    verbose_name = "tag sets"

    def ready(self) -> None:
        from fanfold.accounts.export import register_export_file
        from fanfold.tagsets.export import tag_sets_of

        register_export_file("tag_sets.json", tag_sets_of)
