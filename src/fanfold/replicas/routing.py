"""Reads from PostgreSQL replicas, writes and read-your-writes on the primary.

Only web requests read from replicas, and not when they are not a safe method, when the
reader wrote something in the last REPLICA_PIN_SECONDS (a cookie the middleware sets, so it
works across app servers), or inside `primary_only()` (pages cached for everyone); commands,
tasks and migrations always read from the primary. Otherwise reads go to
a replica whose replay lag is under REPLICA_MAX_LAG_SECONDS, checked at most once a second
per process; a replica that is down or lagging is left out until a later check says it is
back, and with none healthy reads fall back to the primary.
"""

import contextlib
import random
import threading
import time
from collections.abc import Iterator

from django.conf import settings
from django.db import DatabaseError, connections

PRIMARY = "default"
CHECK_EVERY_SECONDS = 1.0
# Seconds behind the primary; zero while the replica has replayed everything it received.
LAG_QUERY = (
    "SELECT CASE WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0 "
    "ELSE COALESCE(EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()), 0) END"
)

_state = threading.local()
_health: dict[str, tuple[float, bool]] = {}  # alias -> (checked at, usable)


def replica_aliases() -> list[str]:
    return [alias for alias in settings.DATABASES if alias.startswith("replica")]


@contextlib.contextmanager
def replica_reads(allowed: bool) -> Iterator[None]:
    """Reads inside may go to a replica (when `allowed`). Outside any such block, in commands,
    tasks and migrations, everything reads from the primary."""
    previous = getattr(_state, "replica_ok", False)
    _state.replica_ok = allowed
    try:
        yield
    finally:
        _state.replica_ok = previous


def primary_only() -> contextlib.AbstractContextManager[None]:
    """Every read inside goes to the primary."""
    return replica_reads(False)


def replica_used() -> str | None:
    return getattr(_state, "replica_used", None)


def forget_replica_used() -> None:
    _state.replica_used = None


def mark_down(alias: str) -> None:
    _health[alias] = (time.monotonic(), False)


def _usable(alias: str) -> bool:
    checked_at, usable = _health.get(alias, (float("-inf"), False))
    if time.monotonic() - checked_at < CHECK_EVERY_SECONDS:
        return usable
    try:
        with connections[alias].cursor() as cursor:
            cursor.execute(LAG_QUERY)
            usable = float(cursor.fetchone()[0]) <= settings.REPLICA_MAX_LAG_SECONDS
    except DatabaseError:
        connections[alias].close()
        usable = False
    _health[alias] = (time.monotonic(), usable)
    return usable


class ReplicaRouter:
    """Django database router: DATABASE_ROUTERS names it when DATABASE_REPLICA_URLS is set."""

    def db_for_read(self, model, **hints) -> str:
        if not getattr(_state, "replica_ok", False):
            return PRIMARY
        healthy = [alias for alias in replica_aliases() if _usable(alias)]
        if not healthy:
            return PRIMARY
        alias = random.choice(healthy)  # noqa: S311 - spreading load, not a secret
        _state.replica_used = alias
        return alias

    def db_for_write(self, model, **hints) -> str:
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints) -> bool:
        return True  # replicas hold the same rows as the primary

    def allow_migrate(self, db: str, app_label: str, **hints) -> bool:
        return db == PRIMARY
