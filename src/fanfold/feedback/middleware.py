"""A long-lived random cookie that tells one guest from another (kudos, hits)."""

import secrets
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

COOKIE = "fanfold_guest"
ONE_YEAR = 365 * 24 * 3600


def guest_id(request: HttpRequest) -> str:
    return getattr(request, "fanfold_guest_id", "")


def guest_identity(get_response: Callable[[HttpRequest], HttpResponse]):
    def middleware(request: HttpRequest) -> HttpResponse:
        known = request.COOKIES.get(COOKIE, "")
        request.fanfold_guest_id = known if len(known) == 32 else secrets.token_hex(16)  # type: ignore[attr-defined]
        response = get_response(request)
        if guest_id(request) != known and not request.user.is_authenticated:
            response.set_cookie(
                COOKIE, guest_id(request), max_age=ONE_YEAR, httponly=True, samesite="Lax"
            )
        return response

    return middleware
