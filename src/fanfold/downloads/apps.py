"""Downloads: a work (or a series) as HTML, EPUB, PDF, and AZW3/MOBI through Calibre."""

from django.apps import AppConfig


class DownloadsConfig(AppConfig):
    name = "fanfold.downloads"
