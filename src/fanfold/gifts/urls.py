"""Gift URLs in AO3's shapes."""

from django.urls import path

from fanfold.gifts import views

app_name = "gifts"

urlpatterns = [
    path("users/<str:login_name>/gifts", views.user_gifts, name="user"),
    path("gifts/<int:gift_id>/toggle_rejected", views.toggle_refused, name="toggle_refused"),
]
