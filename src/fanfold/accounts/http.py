"""The request type of views behind login_required, so the type checker knows the user."""

from django.http import HttpRequest

from fanfold.accounts.models import User


class AuthenticatedRequest(HttpRequest):
    user: User  # type: ignore[assignment]
