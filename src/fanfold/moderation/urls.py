"""Abuse reports at AO3's /abuse_reports/new; the moderators' pages under /moderation."""

from django.urls import path

from fanfold.moderation import views

app_name = "moderation"
urlpatterns = [
    path("abuse_reports/new", views.new_report, name="report_new"),
    path("moderation", views.queue, name="queue"),
    path("moderation/reports/<int:report_id>", views.report, name="report"),
    path("moderation/users/<str:login_name>", views.user_page, name="user"),
    path("moderation/works/<int:work_id>", views.work_page, name="work"),
    path("moderation/comments/<int:comment_id>", views.comment_page, name="comment"),
    path("moderation/log", views.audit_log, name="log"),
    path("moderation/invitations", views.invitation_queue, name="invitations"),
]
