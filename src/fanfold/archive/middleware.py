"""Security headers, the per-address request budget, turning LoginRequired and RateLimited
into a sign-in redirect and the shared 429 page, AO3's name for the CSRF token, and refusing
NUL characters in what a request sends (and ignoring cookies that hold one)."""

import re
from collections.abc import Callable
from urllib.parse import unquote

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from fanfold.api.errors import API_PREFIX, error_response
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


def _is_site_form_post(request: HttpRequest) -> bool:
    # Only the site's forms: the API takes tokens, not CSRF tokens, and reads its own body
    # (parsing it here would consume it, and a malformed multipart body would raise).
    return (
        request.method == "POST"
        and request.content_type in FORM_CONTENT_TYPES
        and not request.path.startswith(API_PREFIX)
    )


def ao3_authenticity_token(get_response: Callable[[HttpRequest], HttpResponse]):
    """AO3's forms post the CSRF token as `authenticity_token` (FanFicFare's sign-in sends the
    one /token_dispenser.json gave it); Django's CSRF check accepts it as its own field."""

    def middleware(request: HttpRequest) -> HttpResponse:
        if _is_site_form_post(request):
            token = request.POST.get("authenticity_token")
            if token and "csrfmiddlewaretoken" not in request.POST:
                request.META.setdefault(settings.CSRF_HEADER_NAME, token)
        return get_response(request)

    return middleware


NUL = "\x00"
# A NUL escaped in a JSON string (\u0000), unless its backslash is itself escaped (\\u0000 is text).
JSON_ESCAPED_NUL = re.compile(rb"(?<!\\)(?:\\\\)*\\u0000")


def refuse_nul(get_response: Callable[[HttpRequest], HttpResponse]):
    """PostgreSQL text cannot hold NUL (SQLite can, so the engines would answer differently):
    a NUL in the address, a form field or an API body is refused with a 400 before any view
    reads it. Uploaded files' contents are not looked at (imports drop their NULs)."""

    def middleware(request: HttpRequest) -> HttpResponse:
        problem = _nul_problem(request)
        if problem is None:
            return get_response(request)
        if request.path.startswith(API_PREFIX):
            return error_response(400, problem)
        return render(request, "400.html", {"problem": problem}, status=400)

    return middleware


def drop_nul_cookies(get_response: Callable[[HttpRequest], HttpResponse]):
    """A cookie holding NUL was not set by the Archive and cannot be looked up (a session key
    with NUL fails in PostgreSQL): it is ignored, as a missing cookie, before the session reads
    it. Refusing it would refuse every page until the browser forgets it."""

    def middleware(request: HttpRequest) -> HttpResponse:
        for name in [n for n, value in request.COOKIES.items() if NUL in n + value]:
            del request.COOKIES[name]
        return get_response(request)

    return middleware


def _nul_problem(request: HttpRequest) -> str | None:
    """What holds a NUL character, as a sentence for the reader; None when nothing does."""
    if NUL in request.path or NUL in unquote(request.META.get("QUERY_STRING", "")):
        return _("The address contains a NUL character, which the Archive cannot read.")
    if request.path.startswith(API_PREFIX):
        # The API reads its body itself, as JSON, whatever the content type says.
        if NUL.encode() in request.body or JSON_ESCAPED_NUL.search(request.body):
            return _("The request body contains a NUL character, which the Archive cannot store.")
        return None
    if _is_site_form_post(request):
        for name, values in request.POST.lists():
            if NUL in name or any(NUL in value for value in values):
                return _(
                    "The field “%(field)s” contains a NUL character, which the Archive cannot store."
                ) % {"field": name.replace(NUL, "")}
    return None
