from django.apps import AppConfig


class ModerationConfig(AppConfig):
    name = "fanfold.moderation"
    verbose_name = "Moderation and site settings"

    def ready(self) -> None:
        from fanfold.moderation import signals  # noqa: F401 - connects the receivers
