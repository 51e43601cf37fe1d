"""Series URLs."""

from django.urls import path

from fanfold.pages.series import views

app_name = "series"
urlpatterns = [
    path("series/<int:series_id>", views.show_series, name="show"),
    path("series/<int:series_id>/works", views.series_works, name="works"),
    path("series/<int:series_id>/edit", views.edit_series, name="edit"),
]
