"""Accounts: users, their pen names (pseuds) and preferences."""

from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "fanfold.accounts"

    def ready(self) -> None:
        from fanfold.accounts import signals  # noqa: F401 - connects the receivers
