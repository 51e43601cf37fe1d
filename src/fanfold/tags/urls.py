"""Tag URLs; names are escaped in paths the way AO3 does it (see urlnames)."""

from django.urls import path, register_converter

from fanfold.tags import views
from fanfold.tags.urlnames import TagNameConverter

register_converter(TagNameConverter, "tagname")

app_name = "tags"
urlpatterns = [
    path("tags/<tagname:name>", views.show_tag, name="show"),
    path("tags/<tagname:name>/works", views.tag_works, name="works"),
]
