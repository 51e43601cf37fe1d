"""Small fixed-window rate limits in the cache (Redis when configured, so shared by processes)."""

import time

from django.core.cache import cache


def allow(key: str, limit: int, window_seconds: int) -> bool:
    """True while `key` has been used fewer than `limit` times in the current window."""
    bucket = f"ratelimit:{key}:{int(time.time() // window_seconds)}"
    cache.add(bucket, 0, window_seconds)
    try:
        return cache.incr(bucket) <= limit
    except ValueError:  # the bucket expired between add and incr: a new window
        cache.add(bucket, 1, window_seconds)
        return True
