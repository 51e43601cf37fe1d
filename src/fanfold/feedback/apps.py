"""Feedback: kudos and hits (comments, bookmarks and subscriptions come next)."""

from django.apps import AppConfig


class FeedbackConfig(AppConfig):
    name = "fanfold.feedback"

    def ready(self) -> None:
        from fanfold.feedback import signals  # noqa: F401 - connects the subscriber notices
