"""Tag set URLs in AO3's shapes."""

from django.urls import path

from fanfold.tagsets import views

app_name = "tagsets"
urlpatterns = [
    path("tag_sets", views.tag_set_index, name="index"),
    path("tag_sets/new", views.new_tag_set, name="new"),
    path("tag_sets/<int:tag_set_id>", views.show_tag_set, name="show"),
    path("tag_sets/<int:tag_set_id>/edit", views.edit_tag_set, name="edit"),
    path("tag_sets/<int:tag_set_id>/nominations", views.nominations, name="nominations"),
    path("tag_sets/<int:tag_set_id>/nominations/new", views.new_nomination, name="nominate"),
    path("tag_sets/<int:tag_set_id>/nominations/review", views.review_nominations, name="review"),
]
