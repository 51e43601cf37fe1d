"""Collection URLs in AO3's shapes."""

from django.urls import path

from fanfold.collections import views

app_name = "collections"

urlpatterns = [
    path("collections", views.collection_index, name="index"),
    path("collections/new", views.new_collection, name="new"),
    path("collections/<str:name>", views.show_collection, name="show"),
    path("collections/<str:name>/edit", views.edit_collection, name="edit"),
    path("collections/<str:name>/delete", views.delete_collection, name="delete"),
    path("collections/<str:name>/profile", views.profile, name="profile"),
    path("collections/<str:name>/works", views.collection_works, name="works"),
    path("collections/<str:name>/bookmarks", views.collection_bookmarks, name="bookmarks"),
    path("collections/<str:name>/collections", views.subcollections, name="subcollections"),
    path("collections/<str:name>/participants", views.participants, name="participants"),
    path(
        "collections/<str:name>/participants/<int:participant_id>/delete",
        views.remove_participant,
        name="remove_participant",
    ),
    path("collections/<str:name>/join", views.join, name="join"),
    path("collections/<str:name>/items", views.collection_items, name="items"),
    path(
        "collections/<str:name>/reveal_<str:what>",
        views.reveal_items,
        name="reveal",
    ),
    path("collection_items/<int:item_id>/review", views.review_item, name="review_item"),
    path("collection_items/<int:item_id>/delete", views.remove_item, name="remove_item"),
    path("works/<int:work_id>/collection_items/new", views.add_work, name="add_work"),
    path(
        "users/<str:login_name>/collection_items",
        views.user_collection_items,
        name="user_items",
    ),
    path("users/<str:login_name>/collections", views.user_collections, name="user_collections"),
]
