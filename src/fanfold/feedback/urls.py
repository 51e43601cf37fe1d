"""Feedback URLs, shaped like AO3's."""

from django.urls import path

from fanfold.feedback import comment_views, views

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
]
