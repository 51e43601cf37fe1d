"""Feedback: kudos and hits (comments, bookmarks and subscriptions come next)."""

from django.apps import AppConfig


class FeedbackConfig(AppConfig):
    name = "fanfold.feedback"
