"""The request type of views behind login_required, and the one "is this your account" check."""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from fanfold.accounts.models import User


class AuthenticatedRequest(HttpRequest):
    user: User  # type: ignore[assignment]


def own_account(request: HttpRequest, login_name: str, refusal: str) -> User:
    """The signed-in user when the URL names them; otherwise 403 with `refusal`."""
    user = request.user
    if not user.is_authenticated or user.username.lower() != login_name.lower():
        raise PermissionDenied(refusal)
    return user
