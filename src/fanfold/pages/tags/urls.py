"""Tag URLs; names are escaped in paths the way AO3 does it (see urlnames)."""

from django.urls import path

from fanfold.pages.tags import views

app_name = "tags"
urlpatterns = [
    path("tag_wranglings", views.wrangle, name="wrangle"),
    path("autocomplete/tags", views.autocomplete, name="autocomplete"),
    path("media", views.media_index, name="media"),
    path("media/<tagname:name>/fandoms", views.media_fandoms, name="media_fandoms"),
    path("tags/<tagname:name>", views.show_tag, name="show"),
    path("tags/<tagname:name>/works", views.tag_works, name="works"),
    path("tags/<tagname:name>/edit", views.edit_tag, name="edit"),
]
