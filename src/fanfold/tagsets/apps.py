"""Owned tag sets: lists of tags a challenge draws its prompts from, grown by nominations."""

from django.apps import AppConfig


class TagSetsConfig(AppConfig):
    name = "fanfold.tagsets"
    verbose_name = "tag sets"
