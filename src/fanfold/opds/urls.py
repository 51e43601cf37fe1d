"""The OPDS catalogue's URLs under /opds."""

from django.urls import path

from fanfold.opds import views

app_name = "opds"
urlpatterns = [
    path("opds", views.root, name="root"),
    path("opds/works/<str:order>", views.sorted_works, name="sorted"),
    path("opds/search", views.search, name="search"),
    path("opds/opensearch.xml", views.opensearch, name="opensearch"),
    path("opds/fandoms", views.fandoms, name="fandoms"),
    path("opds/tags/<tagname:name>", views.tag_works, name="tag"),
    path("opds/series", views.series_list, name="series_list"),
    path("opds/series/<int:series_id>", views.series, name="series"),
    path("opds/shelves/want", views.shelf, name="shelf"),
]
