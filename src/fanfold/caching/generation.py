"""The content generation: a token that changes after every database write a guest could see.

Cached guest pages are keyed by it, so a page cached before a change is never served after
it, whatever the change was (a hidden work, a retagged one, a renamed pseud, a new banner):
every INSERT, UPDATE or DELETE outside a short list of tables no guest page reads bumps it,
once when the statement runs and once more after its transaction commits (a page rendered
between the two from the old rows lands under the first token, never the final one).
It lives in Redis when REDIS_URL is set, else in a small file in the data directory, so every
process on the machine sees the same token; reading it is one GET or one file read.
"""

import os
import re
import secrets
from pathlib import Path

from django.conf import settings
from django.db.backends.base.base import BaseDatabaseWrapper

from fanfold.lib.redisclient import redis_client

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


def current() -> str:
    client = redis_client()
    if client is not None:
        return (client.get(REDIS_KEY) or b"0").decode()
    try:
        return _token_file().read_text()
    except FileNotFoundError:
        return "0"


def bump() -> None:
    client = redis_client()
    if client is not None:
        client.incr(REDIS_KEY)
        return
    # A fresh random token, renamed into place: readers never see a half-written file.
    path = _token_file()
    temporary = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
    temporary.write_text(secrets.token_hex(8))
    os.replace(temporary, path)


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
