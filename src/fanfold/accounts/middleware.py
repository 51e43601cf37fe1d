"""The signed-in reader's time zone and interface language on every page."""

import zoneinfo
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils import timezone, translation


def reader_time_zone(get_response: Callable[[HttpRequest], HttpResponse]):
    def middleware(request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated and request.user.preference.time_zone != "UTC":
            timezone.activate(zoneinfo.ZoneInfo(request.user.preference.time_zone))
        else:
            timezone.deactivate()
        return get_response(request)

    return middleware


def reader_language(get_response: Callable[[HttpRequest], HttpResponse]):
    """A language chosen in preferences wins over the browser's (LocaleMiddleware's choice)."""

    def middleware(request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated and request.user.preference.language:
            translation.activate(request.user.preference.language)
            request.LANGUAGE_CODE = translation.get_language()
        return get_response(request)

    return middleware
