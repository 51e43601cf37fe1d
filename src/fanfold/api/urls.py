"""The access-token pages and the claim page of archivist imports (the API itself is at /api/)."""

from django.urls import path

from fanfold.api import views

app_name = "api_pages"
urlpatterns = [
    path("users/<str:login_name>/tokens", views.tokens, name="tokens"),
    path("users/<str:login_name>/tokens/<int:token_id>/revoke", views.revoke, name="revoke"),
    path("imports/claim/<str:token>", views.claim, name="claim"),
]
