"""Fixed-window rate limits in the cache (Redis when configured, so shared by processes).

Scopes and their budgets live in settings.RATE_LIMITS; a spent budget raises RateLimited,
which the archive's middleware turns into one shared 429 page with a Retry-After header.
"""

import functools
import hashlib
import ipaddress
import logging
import time
from collections.abc import Callable

import redis
from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

logger = logging.getLogger(__name__)


class RateLimited(Exception):
    def __init__(self, retry_after: int) -> None:
        super().__init__(f"rate limited for {retry_after} s")
        self.retry_after = retry_after


def allow(key: str, limit: int, window_seconds: int) -> bool:
    """True while `key` has been used fewer than `limit` times in the current window."""
    # Keys hold what people typed (sign-in names): hashed, a NUL or 100 kB name is a fine key.
    digest = hashlib.blake2b(key.encode(errors="replace"), digest_size=16).hexdigest()
    bucket = f"ratelimit:{digest}:{int(time.time() // window_seconds)}"
    try:
        cache.add(bucket, 0, window_seconds)
        return cache.incr(bucket) <= limit
    except ValueError:  # the bucket expired between add and incr: a new window
        cache.add(bucket, 1, window_seconds)
        return True
    except redis.RedisError:
        # Redis is down: no budgets until it is back, rather than no pages at all.
        logger.warning("rate limits are off: Redis is unreachable")
        return True


def seconds_left_in_window(window_seconds: int) -> int:
    return max(1, window_seconds - int(time.time()) % window_seconds)


def client_ip(request: HttpRequest) -> str:
    """The address that sent the request; behind a trusted proxy, the one the proxy saw.

    X-Forwarded-For is read from the right, and only while each hop is a trusted proxy: the
    first untrusted address is the client. Anything further left was written by that client
    (and could say anything), so a guest cannot claim someone else's budget or escape their own.
    """
    address = request.META.get("REMOTE_ADDR", "")
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
    while _is_trusted_proxy(address) and forwarded:
        hop = forwarded.pop().strip()
        if _parsed(hop) is None:
            break  # garbage from the client: the last trusted proxy is all that is known
        address = hop
    return address


def _is_trusted_proxy(address: str) -> bool:
    parsed = _parsed(address)
    return parsed is not None and any(parsed in network for network in settings.TRUSTED_PROXIES)


def _parsed(address: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(address)
    except ValueError:
        return None


def client_key(request: HttpRequest) -> str:
    """Signed-in people are counted per account, guests per address."""
    if request.user.is_authenticated:
        return f"user:{request.user.pk}"
    return f"ip:{client_ip(request)}"


def enforce(scope: str, key: str) -> None:
    """Spends one unit of `scope`'s budget for `key`, or raises RateLimited."""
    if not settings.RATE_LIMITS_ENABLED:  # only for load tests (bench/serving.py)
        return
    limit, window = settings.RATE_LIMITS[scope]
    if not allow(f"{scope}:{key}", limit, window):
        raise RateLimited(seconds_left_in_window(window))


def rate_limited(scope: str, methods: tuple[str, ...] = ("POST",)) -> Callable:
    """Decorates a view so each request with one of `methods` spends `scope`'s budget."""

    def decorator(view: Callable) -> Callable:
        @functools.wraps(view)
        def wrapped(request: HttpRequest, *args, **kwargs):
            if request.method in methods:
                enforce(scope, client_key(request))
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
