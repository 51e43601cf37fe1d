"""The archive's URLs plus /slow?seconds=N: an in-flight request that lasts a known time."""

import time

from django.http import HttpRequest, HttpResponse
from django.urls import include, path


def slow(request: HttpRequest) -> HttpResponse:
    seconds = float(request.GET.get("seconds", "1"))
    time.sleep(seconds)
    return HttpResponse(f"finished after {seconds} s")


urlpatterns = [path("slow", slow), path("", include("fanfold.urls"))]
