"""Import pages."""

from django.urls import path

from fanfold.pages.imports import views

app_name = "imports"
urlpatterns = [
    path("works/import", views.upload, name="upload"),
    path("works/import/<int:pending_id>", views.review, name="review"),
    path("works/import/batch/<uuid:batch_id>", views.batch, name="batch"),
]
