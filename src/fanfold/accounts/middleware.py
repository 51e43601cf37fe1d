"""Dates and times on every page in the signed-in reader's own time zone."""

import zoneinfo
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils import timezone


def reader_time_zone(get_response: Callable[[HttpRequest], HttpResponse]):
    def middleware(request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated and request.user.preference.time_zone != "UTC":
            timezone.activate(zoneinfo.ZoneInfo(request.user.preference.time_zone))
        else:
            timezone.deactivate()
        return get_response(request)

    return middleware
