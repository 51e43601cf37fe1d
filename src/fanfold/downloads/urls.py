"""Download URLs, shaped like AO3's."""

from django.urls import re_path

from fanfold.downloads import views

app_name = "downloads"
urlpatterns = [
    re_path(
        r"^shelves/want/download\.(?P<extension>[a-z0-9]+)$",
        views.download_marked_for_later,
        name="marked_for_later",
    ),
    re_path(
        r"^downloads/(?P<work_id>\d+)/(?P<file_name>[^/]+)\.(?P<extension>[a-z0-9]+)$",
        views.download_work,
        name="work",
    ),
    re_path(
        r"^series/(?P<series_id>\d+)/downloads/(?P<file_name>[^/]+)\.(?P<extension>[a-z0-9]+)$",
        views.download_series,
        name="series",
    ),
]
