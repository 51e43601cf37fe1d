"""Front page, terms of service, favicon and sitemaps."""

from django.contrib.sitemaps import views as sitemap_views
from django.urls import path
from django.views.generic import TemplateView

from fanfold.archive import views
from fanfold.archive.sitemaps import SITEMAPS
from fanfold.archive.uploads import uploaded_file

app_name = "archive"
urlpatterns = [
    path("", views.home, name="home"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("tos", TemplateView.as_view(template_name="archive/tos.html"), name="tos"),
    path("media-files/<path:path>", uploaded_file, name="upload"),
    path(
        "sitemap.xml",
        sitemap_views.index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "archive:sitemap"},
        name="sitemap_index",
    ),
    path("sitemap-<section>.xml", sitemap_views.sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
]
