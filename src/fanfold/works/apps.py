"""Works and chapters: posting, editing, reading, and who may see them."""

from django.apps import AppConfig


class WorksConfig(AppConfig):
    name = "fanfold.works"
