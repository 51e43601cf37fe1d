"""Whole pages for guests, cached in each process's memory under the content generation.

Only a request that cannot carry anything personal is served from the cache: a GET with
no session cookie (so never a signed-in reader, nor a guest who passed the adult check,
which lives in the session) and no pending messages. Pages are keyed by the interface language
and the guest's reader-settings cookie too, so one guest's choices never reach another. Only a plain 200 HTML answer that set
no cookie and left the session alone is stored. CSRF tokens are punched out before storing
and a fresh one for the current visitor is put back on every answer; a work page served
from the cache still counts its hit.
"""

import functools
import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.utils.translation import get_language

from fanfold.accounts import reading
from fanfold.caching import generation
from fanfold.caching.shared import sharing_rows
from fanfold.feedback.hits import guest_visitor, record_guest_hit
from fanfold.feedback.middleware import guest_id
from fanfold.lib.ratelimits import client_ip, client_key, enforce
from fanfold.replicas.routing import primary_only
from fanfold.search.registry import index_version

# Form fields and the <meta name="csrf-token"> that readers' tools read (AO3's markup).
CSRF_INPUT = re.compile(
    rb'((?:name="csrfmiddlewaretoken" value|name="csrf-token" content)=")[^"]*(")'
)
CSRF_PLACEHOLDER = b"\x00csrf\x00"
MAX_PAGE_BYTES = 512 * 1024  # a whole long work is read rarely; keep the memory for common pages


@dataclass(frozen=True)
class CachedPage:
    content: bytes
    headers: tuple[tuple[str, str], ...]
    hit_work_id: int | None  # a work page counts a hit each time it is served


def page_cache():
    return caches["pages"]


def is_plain_guest(request: HttpRequest) -> bool:
    cookies = request.COOKIES
    return (
        request.method == "GET"
        and settings.SESSION_COOKIE_NAME not in cookies
        and "messages" not in cookies
    )


def cached_for_guests(
    view: Callable[..., HttpResponse] | None = None,
    *,
    rate_limit: str | None = None,
    uses_filter_index: bool = False,
):
    """Serves plain guests from the page cache; everyone else gets the view itself, reading
    the rows every reader sees alike from the same cache (caching.shared).

    `rate_limit` names the budget the view spends itself (listings spend "search"): a page
    from the cache spends it too, so the cache never lifts a limit. Pages drawn from the
    filter index (`uses_filter_index`) are also keyed by this process's index version: the
    index catches up with a change up to a second after the database has it.
    """
    if view is None:
        return functools.partial(
            cached_for_guests, rate_limit=rate_limit, uses_filter_index=uses_filter_index
        )

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if request.method not in ("GET", "HEAD"):
            return view(request, *args, **kwargs)
        with sharing_rows():
            return _from_cache_or_view(request, *args, **kwargs)

    def _from_cache_or_view(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not settings.GUEST_PAGE_CACHE or not is_plain_guest(request):
            return view(request, *args, **kwargs)
        token = generation.current()
        if token is None:
            return view(request, *args, **kwargs)
        address = f"{request.get_host()}{request.get_full_path()}{_variant(request)}".encode()
        version = f"{token}:{index_version() if uses_filter_index else ''}"
        key = f"page:{version}:{hashlib.sha256(address).hexdigest()}"
        cached = page_cache().get(key)
        if cached is not None:
            if rate_limit is not None:
                enforce(rate_limit, client_key(request))
            return _serve(request, cached)
        # What everyone will see is read from the primary: a lagging replica's rows must
        # never be stored under the newest generation.
        with primary_only():
            response = view(request, *args, **kwargs)
        storable = _storable(request, response)
        if storable is not None:
            page_cache().set(key, storable, settings.GUEST_PAGE_SECONDS)
        return response

    return wrapped


def _variant(request: HttpRequest) -> str:
    """What else a guest's page depends on: the interface language and the reader settings."""
    return f"|{get_language()}|{request.COOKIES.get(reading.COOKIE, '')}"


def _storable(request: HttpRequest, response: HttpResponse) -> CachedPage | None:
    session = getattr(request, "session", None)
    messages = getattr(request, "_messages", None)
    if (
        response.status_code != 200
        or response.streaming
        or response.cookies
        or (session is not None and session.modified)
        or (messages is not None and messages.added_new)
        or not response.get("Content-Type", "").startswith("text/html")
        or len(response.content) > MAX_PAGE_BYTES
    ):
        return None
    return CachedPage(
        content=CSRF_INPUT.sub(rb"\1" + CSRF_PLACEHOLDER + rb"\2", response.content),
        headers=tuple(response.items()),
        hit_work_id=getattr(response, "guest_hit_work_id", None),
    )


def _serve(request: HttpRequest, cached: CachedPage) -> HttpResponse:
    content = cached.content
    if CSRF_PLACEHOLDER in content:
        content = content.replace(CSRF_PLACEHOLDER, get_token(request).encode())
    response = HttpResponse(content)
    for header, value in cached.headers:
        response[header] = value
    if cached.hit_work_id is not None:
        record_guest_hit(cached.hit_work_id, guest_visitor(client_ip(request), guest_id(request)))
    return response
