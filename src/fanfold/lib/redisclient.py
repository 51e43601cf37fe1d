"""One Redis client per process for counters and tokens; None on the embedded default."""

import functools

import redis
from django.conf import settings


def redis_client():  # redis.Redis | None; left untyped as redis-py's replies are
    return _client_for(settings.REDIS_URL) if settings.REDIS_URL else None


@functools.cache
def _client_for(url: str):
    # One client (and connection pool) per process, not a new pool on every page view.
    return redis.Redis.from_url(url)
