"""Front page and sitemaps."""

from django.contrib.sitemaps import views as sitemap_views
from django.urls import path

from fanfold.archive import views
from fanfold.archive.sitemaps import SITEMAPS
from fanfold.archive.uploads import uploaded_file

app_name = "archive"
urlpatterns = [
    path("", views.home, name="home"),
    path("media-files/<path:path>", uploaded_file, name="upload"),
    path(
        "sitemap.xml",
        sitemap_views.index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "archive:sitemap"},
        name="sitemap_index",
    ),
    path("sitemap-<section>.xml", sitemap_views.sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
]
