"""The content generation: a token that changes after every database write a guest could see.

Cached guest pages are keyed by it, so a page cached before a change is never served after
it, whatever the change was (a hidden work, a retagged one, a renamed pseud, a new banner):
every INSERT, UPDATE or DELETE outside a short list of tables no guest page reads bumps it,
once when the statement runs and once more after its transaction commits (a page rendered
between the two from the old rows lands under the first token, never the final one).
It lives in Redis when REDIS_URL is set, else in a small file in the data directory, so every
process on the machine sees the same token; reading it is one GET or one file read.
"""

import logging
import os
import re
import secrets
from pathlib import Path

import redis
from django.conf import settings
from django.db.backends.base.base import BaseDatabaseWrapper

from fanfold.lib.redisclient import redis_client

logger = logging.getLogger(__name__)
REDIS_KEY = "fanfold:generation"
WRITE = re.compile(r'\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)', re.IGNORECASE)
# Written on page views, sign-ins or by tasks, and shown on no page a guest can get.
UNSEEN_TABLES = frozenset(
    {
        "django_session",
        "django_tasks_database_dbtaskresult",
        "feedback_visit",
        "feedback_dailyhits",
        "feedback_reading",
        "feedback_inboxitem",
        "feedback_notice",
        "search_indexchange",
        "django_admin_log",
        "moderation_auditentry",
        "accounts_twofactor",
    }
)


def _token_file() -> Path:
    return Path(settings.DATA_DIR) / "content-generation"


def current() -> str | None:
    """The token, or None when it cannot be read (Redis is down): then nothing is cached."""
    client = redis_client()
    if client is not None:
        try:
            client.set(REDIS_KEY, _new_token(), nx=True)  # a Redis that restarted empty
            return (client.get(REDIS_KEY) or b"").decode() or None
        except redis.RedisError:
            return None
    try:
        return _token_file().read_text()
    except FileNotFoundError:
        return "0"


def bump() -> None:
    # Fresh random tokens, never a counter: a Redis that restarts empty must not hand out a
    # token that pages were cached under before the restart.
    client = redis_client()
    if client is not None:
        try:
            client.set(REDIS_KEY, _new_token())
        except redis.RedisError:
            # The write itself stands; while Redis is down current() is None and no page is
            # served from the cache, and the first bump after it returns changes the token.
            logger.warning("Redis is unreachable: cached guest pages are off until it returns")
        return
    # Renamed into place: readers never see a half-written file.
    path = _token_file()
    temporary = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
    temporary.write_text(_new_token())
    os.replace(temporary, path)


def _new_token() -> str:
    return secrets.token_hex(8)


def watch_writes(sender, connection: BaseDatabaseWrapper, **kwargs) -> None:
    """Installed on every new database connection by the app config."""
    connection.execute_wrappers.append(_bump_after_visible_writes)


def _bump_after_visible_writes(execute, sql, params, many, context):
    result = execute(sql, params, many, context)
    written = WRITE.match(sql)
    if written and written.group(1).lower() not in UNSEEN_TABLES:
        bump()
        connection = context["connection"]
        queued = (callback for _, callback, _ in connection.run_on_commit)
        if connection.in_atomic_block and bump not in queued:
            connection.on_commit(bump)
    return result
