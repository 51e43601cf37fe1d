"""Feedback URLs, shaped like AO3's."""

from django.urls import path

from fanfold.feedback import views

app_name = "feedback"
urlpatterns = [
    path("works/<int:work_id>/kudos", views.kudos, name="kudos"),
    path("works/<int:work_id>/kudos/list", views.kudos_list, name="kudos_list"),
]
