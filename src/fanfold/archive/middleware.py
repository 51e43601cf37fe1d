"""Security headers, the per-address request budget, turning LoginRequired and RateLimited
into a sign-in redirect and the shared 429 page, and AO3's name for the CSRF token."""

from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from fanfold.api.errors import API_PREFIX
from fanfold.lib.errors import LoginRequired
from fanfold.lib.ratelimits import RateLimited, client_ip, enforce

# No inline scripts or styles anywhere (user styles are stored as classes, lib/sanitize.py);
# work images may come from any https host.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "style-src-attr 'none'",
        "img-src 'self' https: data:",
        "font-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


def security_headers(get_response: Callable[[HttpRequest], HttpResponse]):
    def middleware(request: HttpRequest) -> HttpResponse:
        response = get_response(request)
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault(
            "Permissions-Policy", "camera=(), microphone=(), geolocation=()"
        )
        return response

    def process_exception(request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, LoginRequired):
            messages.info(request, exception.message)
            return redirect_to_login(request.get_full_path())
        if isinstance(exception, RateLimited):
            return too_many_requests(request, exception.retry_after)
        return None

    middleware.process_exception = process_exception  # type: ignore[attr-defined]
    return middleware


def request_budget(get_response: Callable[[HttpRequest], HttpResponse]):
    """Every address gets settings.RATE_LIMITS["request"] pages a minute, whatever they are."""

    def middleware(request: HttpRequest) -> HttpResponse:
        try:
            enforce("request", client_ip(request))
        except RateLimited as limited:
            return too_many_requests(request, limited.retry_after)
        return get_response(request)

    return middleware


def too_many_requests(request: HttpRequest, retry_after: int) -> HttpResponse:
    minutes = max(1, round(retry_after / 60))
    response = render(request, "429.html", {"minutes": minutes}, status=429)
    response["Retry-After"] = str(retry_after)
    return response


FORM_CONTENT_TYPES = {"application/x-www-form-urlencoded", "multipart/form-data"}


def ao3_authenticity_token(get_response: Callable[[HttpRequest], HttpResponse]):
    """AO3's forms post the CSRF token as `authenticity_token` (FanFicFare's sign-in sends the
    one /token_dispenser.json gave it); Django's CSRF check accepts it as its own field."""

    def middleware(request: HttpRequest) -> HttpResponse:
        # Only the site's forms: the API takes tokens, not CSRF tokens, and reads its own body
        # (parsing it here would consume it, and a malformed multipart body would raise).
        if (
            request.method == "POST"
            and request.content_type in FORM_CONTENT_TYPES
            and not request.path.startswith(API_PREFIX)
        ):
            token = request.POST.get("authenticity_token")
            if token and "csrfmiddlewaretoken" not in request.POST:
                request.META.setdefault(settings.CSRF_HEADER_NAME, token)
        return get_response(request)

    return middleware
