"""Tags: the seven AO3 tag types plus media, and (later) their wrangling."""

from django.apps import AppConfig


class TagsConfig(AppConfig):
    name = "fanfold.tags"
