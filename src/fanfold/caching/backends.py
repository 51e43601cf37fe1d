"""Django's Redis cache, except that a Redis outage reads as an empty cache and drops writes:
pages are served, uncached and without rate limits, until Redis is back (instead of a 500 on
every page that looks at the cache: site settings, rate limits, locks)."""

import logging
from typing import Any

import redis
from django.core.cache.backends.redis import RedisCache

logger = logging.getLogger(__name__)


def _unreachable(action: str) -> None:
    logger.warning("Redis is unreachable: cache %s skipped", action)


class OutageTolerantRedisCache(RedisCache):
    def get(self, key: Any, default: Any = None, version: int | None = None) -> Any:
        try:
            return super().get(key, default, version)
        except redis.RedisError:
            _unreachable("read")
            return default

    def get_many(self, keys: Any, version: int | None = None) -> dict:
        try:
            return super().get_many(keys, version)
        except redis.RedisError:
            _unreachable("read")
            return {}

    def has_key(self, key: Any, version: int | None = None) -> bool:
        """Also `key in cache`: cached_db sessions ask it when signing a reader in."""
        try:
            return super().has_key(key, version)
        except redis.RedisError:
            _unreachable("read")
            return False

    def add(self, key: Any, value: Any, timeout: Any = None, version: int | None = None) -> bool:
        """True on an outage: the caller goes ahead as if it held the key (a lock, a marker)."""
        try:
            return super().add(key, value, timeout, version)
        except redis.RedisError:
            _unreachable("write")
            return True

    def set(self, key: Any, value: Any, timeout: Any = None, version: int | None = None) -> None:
        try:
            super().set(key, value, timeout, version)
        except redis.RedisError:
            _unreachable("write")

    def set_many(self, data: dict, timeout: Any = None, version: int | None = None) -> list:
        try:
            return super().set_many(data, timeout, version)
        except redis.RedisError:
            _unreachable("write")
            return list(data)

    def delete(self, key: Any, version: int | None = None) -> bool:
        try:
            return super().delete(key, version)
        except redis.RedisError:
            _unreachable("delete")
            return False
