"""Front page and sitemaps."""

from django.contrib.sitemaps import views as sitemap_views
from django.urls import path

from fanfold.archive import views
from fanfold.archive.sitemaps import SITEMAPS

app_name = "archive"
urlpatterns = [
    path("", views.home, name="home"),
    path(
        "sitemap.xml",
        sitemap_views.index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "archive:sitemap"},
        name="sitemap_index",
    ),
    path("sitemap-<section>.xml", sitemap_views.sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
]
