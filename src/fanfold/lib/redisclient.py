"""One Redis client per process for counters and tokens (None on the embedded default), and the
connection every Redis client of the archive uses, which stops waiting on a stalled Redis."""

import contextlib
import functools
import time

import redis
from django.conf import settings

# How long a process skips Redis after a call timed out, before it tries again.
STALL_PAUSE_SECONDS = 5.0


def redis_client():  # redis.Redis | None; left untyped as redis-py's replies are
    return _client_for(settings.REDIS_URL) if settings.REDIS_URL else None


@functools.cache
def _client_for(url: str):
    # One client (and connection pool) per process, not a new pool on every page view.
    return redis.Redis.from_url(url, **settings.REDIS_OPTIONS)


@functools.cache
def connection_class_for(url: str) -> type:
    """redis-py's connection for the URL's scheme (TCP, TLS or a Unix socket), quick to give up."""
    scheme = url.partition(":")[0]
    base = {"rediss": redis.SSLConnection, "unix": redis.UnixDomainSocketConnection}.get(
        scheme, redis.Connection
    )
    return type(f"QuickToGiveUp{base.__name__}", (QuickToGiveUp, base), {})


class QuickToGiveUp:
    """Once a call has timed out, every call in this process fails at once for a few seconds
    (as if Redis refused connections) instead of each waiting out the timeout: a page makes
    dozens of Redis calls, and posting a work about fifty. Mixed into a redis-py connection."""

    stalled_until = 0.0  # for the whole process: every pool, every thread

    def connect_check_health(self, *args, **kwargs):
        self._give_up_while_stalled()
        with self._noting_a_stall():
            return super().connect_check_health(*args, **kwargs)  # type: ignore[misc]

    def send_packed_command(self, *args, **kwargs):
        self._give_up_while_stalled()
        return super().send_packed_command(*args, **kwargs)  # type: ignore[misc]

    def read_response(self, *args, **kwargs):
        with self._noting_a_stall():
            return super().read_response(*args, **kwargs)  # type: ignore[misc]

    @staticmethod
    def _give_up_while_stalled() -> None:
        if time.monotonic() < QuickToGiveUp.stalled_until:
            raise redis.TimeoutError("Redis stalled moments ago; not waiting for it again yet")

    @staticmethod
    @contextlib.contextmanager
    def _noting_a_stall():
        try:
            yield
        except redis.TimeoutError:
            QuickToGiveUp.stalled_until = time.monotonic() + STALL_PAUSE_SECONDS
            raise
