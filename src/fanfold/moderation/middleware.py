"""Banned accounts are signed out; suspended ones can read but not change anything."""

from collections.abc import Callable

from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from fanfold.moderation.sanctions import active_suspension

SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


def sanctions(get_response: Callable[[HttpRequest], HttpResponse]):
    def middleware(request: HttpRequest) -> HttpResponse:
        user = request.user
        if user.is_authenticated and user.is_banned:
            # The sign-in backend lets unconfirmed users reach the form; a ban ends the session.
            logout(request)
        elif (
            user.is_authenticated
            and request.method not in SAFE_METHODS
            and request.path != reverse("accounts:logout")
        ):
            suspension = active_suspension(user)
            if suspension is not None:
                context = {"suspension": suspension}
                return render(request, "moderation/suspended.html", context, status=403)
        return get_response(request)

    return middleware
