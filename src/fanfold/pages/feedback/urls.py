"""Feedback URLs, shaped like AO3's."""

from django.urls import path

from fanfold.feedback import comment_views, subscription_views, views
from fanfold.feedback.models import Shelf
from fanfold.pages.feedback import reading_views

app_name = "feedback"
urlpatterns = [
    path("works/<int:work_id>/kudos", views.kudos, name="kudos"),
    path("works/<int:work_id>/kudos/list", views.kudos_list, name="kudos_list"),
    path("works/<int:work_id>/comments", comment_views.post_comment, name="post_comment"),
    path("works/<int:work_id>/comments/unreviewed", comment_views.unreviewed, name="unreviewed"),
    path("comments/<int:comment_id>", comment_views.thread, name="comment"),
    path("comments/<int:comment_id>/reply", comment_views.reply, name="reply"),
    path("comments/<int:comment_id>/edit", comment_views.edit, name="edit_comment"),
    path("comments/<int:comment_id>/delete", comment_views.delete, name="delete_comment"),
    path("comments/<int:comment_id>/<str:action>", comment_views.manage, name="manage_comment"),
    path("users/<str:login_name>/inbox", comment_views.inbox, name="inbox"),
    path("works/<int:work_id>/bookmarks/new", reading_views.bookmark_work, name="bookmark"),
    path("works/<int:work_id>/bookmarks", reading_views.work_bookmarks, name="work_bookmarks"),
    path(
        "series/<int:series_id>/bookmarks/new",
        reading_views.bookmark_series,
        name="bookmark_series",
    ),
    path("bookmarks/<int:bookmark_id>", reading_views.update_bookmark, name="update_bookmark"),
    path(
        "bookmarks/<int:bookmark_id>/delete", reading_views.delete_bookmark, name="delete_bookmark"
    ),
    path("users/<str:login_name>/bookmarks", reading_views.user_bookmarks, name="user_bookmarks"),
    path("works/<int:work_id>/shelf", reading_views.shelve, name="shelve"),
    path(
        "works/<int:work_id>/mark_for_later",
        reading_views.shelve,
        {"shelf": Shelf.WANT},
        name="mark_for_later",
    ),
    path(
        "works/<int:work_id>/mark_as_read", reading_views.shelve, {"shelf": ""}, name="mark_as_read"
    ),
    path("users/<str:login_name>/shelves/<str:shelf>", reading_views.shelf_page, name="shelf"),
    path("users/<str:login_name>/readings", reading_views.history_page, name="history"),
    path("users/<str:login_name>/stats", views.stats, name="stats"),
    path("subscriptions/new", subscription_views.subscribe, name="subscribe"),
    path(
        "subscriptions/unsubscribe/<str:token>", subscription_views.unsubscribe, name="unsubscribe"
    ),
    path(
        "users/<str:login_name>/subscriptions",
        subscription_views.subscriptions,
        name="subscriptions",
    ),
]
