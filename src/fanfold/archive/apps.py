"""The archive as a whole: front page, error pages, security headers, serving."""

from django.apps import AppConfig


class ArchiveConfig(AppConfig):
    name = "fanfold.archive"
