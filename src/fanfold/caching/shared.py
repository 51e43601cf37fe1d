"""Rows every reader sees alike, kept in this process's memory under the content generation.

A signed-in reader's page cannot come whole from the cache, but most of what it reads is the
same for everyone: a work with its tags, creators and series, its posted chapters, its kudos
and preface links. Fetching them cost about two thirds of a signed-in work page (measured
at 20,000 works: 13 queries, 20 ms of CPU). Inside `sharing_rows()` (the pages guests get
from the cache, opened by anyone with GET) they come from their own per-process cache (the
"shared_rows" alias), keyed by the content generation like the guest pages, so any write a guest
could see makes them fetched again; FANFOLD_GUEST_PAGE_CACHE=false turns both off.
Nothing personal is stored here: what depends on the viewer (their relations to the work,
the comments they may see, drafts and access) is still asked per request, on top.
"""

import contextlib
import contextvars
import functools
from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

from django.conf import settings
from django.core.cache import caches

from fanfold.caching import generation
from fanfold.replicas.routing import primary_only
from fanfold.works.listing import fetch_works_with_details
from fanfold.works.models import Work

T = TypeVar("T")
# Inside sharing_rows(): a list holding the content generation once it has been read (one
# Redis round trip a page, and every shared row of the page under the same generation).
_sharing: contextvars.ContextVar[list[str | None] | None] = contextvars.ContextVar(
    "sharing_rows", default=None
)
_MISSING = object()


@contextlib.contextmanager
def sharing_rows() -> Iterator[None]:
    """Shared rows may be read and stored inside: only around views that answer GET and write
    nothing a guest could see (a rolled-back write must never land under the generation)."""
    if not settings.GUEST_PAGE_CACHE:  # the page cache's switch turns these off too
        yield
        return
    token = _sharing.set([])
    try:
        yield
    finally:
        _sharing.reset(token)


def _cache():
    return caches["shared_rows"]  # each process's memory, bounded apart from the guest pages


def _generation() -> str | None:
    read = _sharing.get()
    if read is None:
        return None
    if not read:
        read.append(generation.current())
    return read[0]


def remembered(
    key: str, compute: Callable[[], T], worth_keeping: Callable[[T], bool] | None = None
) -> T:
    """`compute()`, the same for every viewer, once per content generation in this process;
    a value `worth_keeping` refuses (a long work's chapters) is computed again each time."""
    token = _generation()
    if token is None:
        return compute()
    full_key = f"shared:{token}:{key}"
    value = _cache().get(full_key, _MISSING)
    if value is _MISSING:
        # Read from the primary: a lagging replica's rows must never be kept under the newest
        # generation (as for guest pages).
        with primary_only():
            value = compute()
        if worth_keeping is None or worth_keeping(value):
            _cache().set(full_key, value, settings.GUEST_PAGE_SECONDS)
    return value  # type: ignore[return-value]


def shared_works_with_details(ids: Iterable[int]) -> dict[int, Work]:
    """Installed as works.listing's loader (a work page's work). Not for listings: unpickling a
    work's prefetched tags and creators costs about as much as fetching them (1.3 ms a work)."""
    return {
        work_id: work
        for work_id in ids
        if (work := remembered(f"work:{work_id}", functools.partial(_fetch_one, work_id)))
        is not None
    }


def _fetch_one(work_id: int) -> Work | None:
    return fetch_works_with_details([work_id]).get(work_id)
