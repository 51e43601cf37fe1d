"""Every API error is one JSON shape: {"status", "error", "message", "fields"?}, never an HTML page."""

from collections.abc import Callable
from http import HTTPStatus

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from fanfold.lib.errors import LoginRequired
from fanfold.lib.ratelimits import RateLimited
from fanfold.works.reading import Mystery

API_PREFIX = "/api/"
MYSTERY_MESSAGE = "This work is unrevealed (a Mystery Work) until its creator reveals it."


class ApiError(Exception):
    """A refusal with its HTTP status, a sentence, and optionally the fields at fault."""

    def __init__(self, status: int, message: str, fields: dict | None = None) -> None:
        super().__init__(message)
        self.status, self.message, self.fields = status, message, fields


def error_response(status: int, message: str, fields: dict | None = None) -> JsonResponse:
    body: dict = {"status": status, "error": HTTPStatus(status).phrase, "message": message}
    if fields:
        body["fields"] = fields
    return JsonResponse(body, status=status)


def _rate_limited(request: HttpRequest, limited: RateLimited) -> JsonResponse:
    minutes = max(1, round(limited.retry_after / 60))
    response = error_response(
        429, f"Too many requests; try again in about {minutes} minute{'s' * (minutes != 1)}."
    )
    response["Retry-After"] = str(limited.retry_after)
    return response


def _validation_fields(errors: list[dict]) -> dict[str, list[str]]:
    fields: dict[str, list[str]] = {}
    for error in errors:
        # ("body", "payload", "title") names the field "title"; ("query", "cursor") "cursor".
        location = [str(part) for part in error.get("loc", ())]
        field = location[2:] if location[:1] == ["body"] else location[1:]
        fields.setdefault(".".join(field) or "request", []).append(str(error.get("msg", "")))
    return fields


def install_error_handlers(api: NinjaAPI) -> None:
    handlers: dict[type[Exception], Callable] = {
        ApiError: lambda r, e: error_response(e.status, e.message, e.fields),  # type: ignore[attr-defined]
        Mystery: lambda r, e: error_response(404, MYSTERY_MESSAGE),
        Http404: lambda r, e: error_response(404, str(e) or "Not found."),
        LoginRequired: lambda r, e: error_response(401, e.message),  # type: ignore[attr-defined]
        PermissionDenied: lambda r, e: error_response(403, str(e) or "Not allowed."),
        AuthenticationError: lambda r, e: error_response(
            401, "Send a valid access token as “Authorization: Bearer <token>”."
        ),
        RateLimited: _rate_limited,  # type: ignore[dict-item]
        ValidationError: lambda r, e: error_response(
            422,
            "The request does not match the API's schema.",
            _validation_fields(e.errors),  # type: ignore[attr-defined]
        ),
        HttpError: lambda r, e: error_response(e.status_code, str(e)),  # type: ignore[attr-defined]
    }
    for exception, handler in handlers.items():
        api.add_exception_handler(exception, handler)


def json_errors(get_response: Callable[[HttpRequest], HttpResponse]):
    """Answers for API paths outside the endpoints: too large, unknown path, wrong method, 429.

    It sits outside the per-address request budget, so that 429 is JSON too.
    """

    def middleware(request: HttpRequest) -> HttpResponse:
        if not request.path.startswith(API_PREFIX):
            return get_response(request)
        length = request.META.get("CONTENT_LENGTH") or "0"
        if length.isdigit() and int(length) > settings.API_MAX_BODY_BYTES:
            return error_response(
                413, f"The request body is larger than {settings.API_MAX_BODY_BYTES:,} bytes."
            )
        response = get_response(request)
        if 400 <= response.status_code < 500 and not _is_json(response):
            return _as_json(response)
        return response

    return middleware


def _is_json(response: HttpResponse) -> bool:
    return response.get("Content-Type", "").startswith("application/json")


def _as_json(response: HttpResponse) -> HttpResponse:
    messages = {
        404: "There is no such API path.",
        405: f"Use {response.get('Allow', 'another method')} here.",
        429: "Too many requests; wait for the time in Retry-After.",
    }
    status = response.status_code
    converted = error_response(status, messages.get(status, HTTPStatus(status).phrase))
    for header in ("Retry-After", "Allow"):
        if header in response:
            converted[header] = response[header]
    return converted
