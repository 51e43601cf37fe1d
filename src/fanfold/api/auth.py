"""Who is calling: the holder of a bearer token, or a guest; and what the token allows."""

from collections.abc import Callable

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from ninja.security import HttpBearer

from fanfold.api.errors import ApiError
from fanfold.api.models import AccessToken
from fanfold.api.tokens import token_for
from fanfold.moderation.sanctions import active_suspension
from fanfold.works.visibility import Viewer


class BearerToken(HttpBearer):
    """`Authorization: Bearer ff_…`; the request then acts as the token's owner."""

    def authenticate(self, request: HttpRequest, token: str) -> AccessToken | None:
        found = token_for(token)
        if found is not None:
            request.user = found.user
            request.access_token = found  # type: ignore[attr-defined]
        return found


class Guest:
    """No Authorization header at all: a guest, whatever session cookie the browser sends.

    API viewers are token holders or guests, so a cookie never makes a write on its own (no CSRF).
    """

    def __call__(self, request: HttpRequest) -> bool | None:
        if "HTTP_AUTHORIZATION" in request.META:
            return None  # a token was sent and did not pass: 401, never a silent guest
        request.user = AnonymousUser()
        request.access_token = None  # type: ignore[attr-defined]
        return True


TOKEN_OR_GUEST: list[Callable] = [BearerToken(), Guest()]
TOKEN_ONLY: list[Callable] = [BearerToken()]


def require_scope(request: HttpRequest, scope: str) -> AccessToken:
    """The caller's token, if it carries `scope`; 401 for guests, 403 for a narrower token."""
    token: AccessToken | None = getattr(request, "access_token", None)
    if token is None:
        raise ApiError(401, f"Send an access token with the “{scope}” scope.")
    if not token.allows(scope):
        raise ApiError(403, f"This token does not have the “{scope}” scope.")
    if scope != "read" and active_suspension(token.user) is not None:
        # The web's sanctions middleware sees only sessions; token writes are checked here.
        raise ApiError(403, "Your account is suspended: you can read but not change anything.")
    return token


def reading_viewer(request: HttpRequest) -> Viewer:
    """Reads as the token's owner need the read scope; guests read as guests."""
    if getattr(request, "access_token", None) is not None:
        require_scope(request, "read")
    return request.user
