"""The front page, the error pages, and paths with doubled slashes."""

import re
import sys

import psycopg
import redis
from django.contrib.staticfiles import finders
from django.db import InterfaceError, OperationalError
from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.utils.translation import gettext as _

from fanfold.api.errors import API_PREFIX, error_response
from fanfold.caching.pages import cached_for_guests
from fanfold.works.listing import works_for_listing
from fanfold.works.visibility import visible_works_for

RECENT_WORKS_ON_FRONT_PAGE = 10
# PostgreSQL refusing connections, restarting, or closing them under a page: it is back within
# seconds (a restart replays its WAL), so the reader is asked to come back instead of told of a bug.
# A service restarting, not a bug: the database, or Redis where code reaches it directly
# (most Redis calls already carry on without it; one that does not is still an outage).
SERVICE_UNAVAILABLE = (
    OperationalError,
    InterfaceError,
    psycopg.OperationalError,
    psycopg.InterfaceError,
    redis.ConnectionError,
    redis.TimeoutError,
)
DATABASE_RETRY_AFTER_SECONDS = 10


@cached_for_guests
def home(request: HttpRequest) -> HttpResponse:
    recent = works_for_listing(visible_works_for(request.user))[:RECENT_WORKS_ON_FRONT_PAGE]
    return render(request, "archive/home.html", {"works": recent})


def collapse_slashes(request: HttpRequest, path: str) -> HttpResponse:
    """AO3 answers `//downloads/…` (ao3-api builds such links); send such paths to their one-slash form."""
    # The URL pattern only sends paths holding "//" here.
    single = re.sub(r"/{2,}", "/", request.path)
    query = request.META.get("QUERY_STRING")
    return HttpResponsePermanentRedirect(f"{single}?{query}" if query else single)


def favicon(request: HttpRequest) -> FileResponse:
    """Browsers ask for /favicon.ico on every page; an SVG answers them all without a 404."""
    path = str(finders.find("img/favicon.svg"))
    response = FileResponse(open(path, "rb"), content_type="image/svg+xml")  # noqa: SIM115 (FileResponse closes it)
    response["Cache-Control"] = "public, max-age=86400"
    return response


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "404.html", status=404)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    # Django's own 400 page renders the template without a request, so the header would lose
    # the signed-in reader; this one keeps the archive's page around the message.
    problem = _(
        "The Archive could not read this request: its address, headers or form were malformed."
    )
    return render(request, "400.html", {"problem": problem}, status=400)


def forbidden(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "403.html", status=403)


def server_error(request: HttpRequest) -> HttpResponse:
    # Django calls this inside its `except` block, so the exception is still at hand.
    if _caused_by_a_lost_service(sys.exception()):
        return database_unavailable(request)
    if request.path.startswith(API_PREFIX):
        return error_response(500, "Something went wrong on our side.")
    return _plain_page("500.html", 500)


def _caused_by_a_lost_service(error: BaseException | None) -> bool:
    """The error, or one it was raised while handling, is a lost database or Redis connection: code
    that cleans up after a dropped connection can fail in its own way (seen in the crash run)."""
    for _step in range(20):  # a chain is short; never follow a cycle for ever
        if error is None:
            return False
        if isinstance(error, SERVICE_UNAVAILABLE):
            return True
        error = error.__cause__ or error.__context__
    return False


def database_unavailable(request: HttpRequest) -> HttpResponse:
    response = (
        error_response(503, "The archive cannot reach its database; try again in a few seconds.")
        if request.path.startswith(API_PREFIX)
        else _plain_page("503.html", 503)
    )
    response["Retry-After"] = str(DATABASE_RETRY_AFTER_SECONDS)
    return response


def _plain_page(template: str, status: int) -> HttpResponse:
    # No context processors or database here: the error may have come from them.
    from django.template import loader

    return HttpResponse(loader.get_template(template).render(), status=status)
