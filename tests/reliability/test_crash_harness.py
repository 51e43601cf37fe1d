"""Writes while processes are killed with SIGKILL: every acknowledged write is stored exactly
once, nothing is stored twice, counters equal their rows, the filter index equals the database,
the task queue drains with nothing lost or stuck, every e-mail due goes out once, and no
answer is a server error other than a 503 with Retry-After.

On SQLite the web server, its web worker and the task worker are killed; on PostgreSQL + Redis
(a cluster and a redis-server of the test's own) those and PostgreSQL and Redis too.
FANFOLD_CRASH_SECONDS sets the length of each run (`make soak` runs longer)."""

import os
import random
import re
import shutil
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from contextlib import closing
from pathlib import Path

import psycopg
import pytest
from aiosmtpd.controller import Controller

from tests.feedback.test_subscriptions_and_email import Sink
from tests.reliability import crash, throwaway
from tests.reliability.served import (
    FANFOLD,
    environment,
    free_port,
    migrated_data_dir,
    once_per_suite,
    serve,
)

SECONDS = float(os.environ.get("FANFOLD_CRASH_SECONDS", "30"))
QUEUE_DRAINS_SECONDS = 300
FLUSH_HITS = "from fanfold.feedback.hits import flush_hits; flush_hits.call()"  # a task worker that crashed while PostgreSQL was down backs off

pytestmark = once_per_suite


class Store:
    """Plain SQL on the archive's database, whichever engine it is."""

    def __init__(self, sqlite_file: Path | None = None, postgres_url: str = "") -> None:
        self.sqlite_file, self.postgres_url = sqlite_file, postgres_url

    def rows(self, sql: str) -> list[tuple]:
        if self.postgres_url:
            with psycopg.connect(self.postgres_url) as conn:
                return conn.execute(sql).fetchall()  # type: ignore[arg-type]
        with closing(sqlite3.connect(self.sqlite_file)) as conn:
            return conn.execute(sql).fetchall()

    def count(self, sql: str) -> int:
        return self.rows(sql)[0][0]


@pytest.fixture
def smtp():
    controller = Controller(Sink(), hostname="127.0.0.1", port=free_port())
    controller.start()
    yield controller
    controller.stop()


@pytest.fixture
def sqlite_archive(migrated_template, tmp_path, smtp):
    data_dir = migrated_data_dir(migrated_template, tmp_path / "data")
    crash.make_writers(data_dir)
    # Every view written at once: with the default batching a kill -9 may lose up to one
    # flush interval of a process's views (docs/operations.md), which this test cannot tell apart.
    server = serve(data_dir, FANFOLD_HITS_FLUSH_SECONDS="0", **mail_to(smtp))
    store = Store(sqlite_file=data_dir / "fanfold.sqlite3")
    yield server, store, crash.process_victims(server), environment(data_dir)
    server.stop()


@pytest.fixture
def postgres_archive(tmp_path, smtp):
    if missing := throwaway.missing_tools():
        pytest.fail(f"missing {missing}: make test-tools")
    postgres = throwaway.Postgres(throwaway.private_directory("fanfold-crash-pg-"))
    redis = throwaway.Redis(throwaway.private_directory("fanfold-crash-redis-"))
    server = None
    try:
        postgres.create()
        redis.start()
        data_dir = tmp_path / "data"
        data_dir.mkdir()
        services = {"DATABASE_URL": postgres.url, "REDIS_URL": redis.url}
        migrate = [FANFOLD, "migrate", "-v0"]
        subprocess.run(migrate, env=environment(data_dir, **services), check=True, timeout=600)
        crash.make_writers(data_dir, **services)
        server = serve(data_dir, FANFOLD_HITS_FLUSH_SECONDS="0", **services, **mail_to(smtp))
        victims = {
            **crash.process_victims(server),
            "postgresql": restart_after_kill(postgres),
            "redis": restart_after_kill(redis),
        }
        yield server, Store(postgres_url=postgres.url), victims, environment(data_dir, **services)
    finally:
        if server is not None:
            server.stop()
        redis.stop()
        postgres.stop()
        shutil.rmtree(postgres.root, ignore_errors=True)
        shutil.rmtree(redis.root, ignore_errors=True)


def mail_to(smtp) -> dict[str, str]:
    return {"EMAIL_URL": f"smtp://127.0.0.1:{smtp.port}"}


def restart_after_kill(service) -> crash.Callable[[], None]:
    """SIGKILL, down for up to two seconds, started again."""

    def kill_and_restart() -> None:
        service.kill()
        time.sleep(random.uniform(0, 2))
        service.start()

    return kill_and_restart


@pytest.mark.parametrize("archive", ["sqlite_archive", "postgres_archive"])
def test_acknowledged_writes_survive_sigkill_exactly_once(archive, request, smtp, capsys):
    served, store, victims, env = request.getfixturevalue(archive)
    ledger = crash.run(served, SECONDS, seed=19, victims=victims)
    served.wait_until_serving(timeout=180)
    wait_for_the_task_queue(store)
    # A view Redis took while the flush after it failed (Redis or PostgreSQL restarting) waits
    # in Redis for the next flush; the last one of the run has no next view to bring it.
    subprocess.run([FANFOLD, "shell", "-c", FLUSH_HITS], env=env, check=True, timeout=300)
    count_what_was_found(ledger, store)
    with capsys.disabled():  # the figures the closing note reports
        sys.stdout.write(
            f"\ncrash harness on {archive}, {SECONDS:g} s:\n{ledger.summary()}\n"
            f"e-mails: {len(smtp.handler.messages)} received, {sum(emails_due(store).values())} due\n"
        )
    assert ledger.has_shown_enough()
    # A restarting database or Redis is a 503 with Retry-After, a killed process no answer: a
    # 500 is a bug. The server's log says why.
    assert not ledger.server_errors(), (ledger.server_errors(), tracebacks_of_500s(served.log()))

    for kind in ledger.sent:
        assert ledger.found[kind] == len(ledger.acknowledged.get(kind, [])), kind
    titles = dict(store.rows("SELECT title, count(*) FROM works_work GROUP BY title"))
    chapters = dict(store.rows("SELECT title, count(*) FROM works_chapter GROUP BY title"))
    assert max(titles.values()) == 1
    assert max((n for title, n in chapters.items() if title), default=1) == 1  # first: untitled
    counters = store.rows(
        """SELECT w.id, w.kudos_count, (SELECT count(*) FROM feedback_kudo k WHERE k.work_id = w.id),
                  w.comment_count, (SELECT count(*) FROM feedback_comment c WHERE c.work_id = w.id),
                  w.bookmark_count, (SELECT count(*) FROM feedback_bookmark b WHERE b.work_id = w.id),
                  w.hit_count, (SELECT count(*) FROM feedback_visit v WHERE v.work_id = w.id)
           FROM works_work w"""
    )
    for work_id, *pairs in counters:
        assert pairs[0::2] == pairs[1::2], (work_id, pairs)
    visits = store.count("SELECT count(*) FROM feedback_visit")
    assert len(ledger.acknowledged.get("view", [])) <= visits <= ledger.sent["view"]

    posted = store.count("SELECT count(*) FROM works_work WHERE posted")
    time.sleep(1.5)  # the index polls for changes every second
    heading = re.search(r"of ([\d,]+) Works", served.get("/works")[1].decode())
    assert heading and int(heading.group(1).replace(",", "")) == posted

    (sent, resent), due = emails_sent(smtp), emails_due(store)
    assert sent == due, (due - sent, sent - due)
    # A kill between the mail server's answer and the commit that records the e-mail sends it
    # again, with the same Message-ID (docs/operations.md): never more than the worker kills.
    assert resent <= ledger.kills["task worker"]


def tracebacks_of_500s(log: str) -> list[str]:
    """Django's log of each 500 with its whole traceback: a flaky 500 must say where it came
    from the one time it shows (the last lines alone named Redis, not the code that let it out)."""
    return [block[:6000] for block in log.split("Internal Server Error: ")[1:]]


def wait_for_the_task_queue(store: Store) -> None:
    """Every task finished: none waiting, none left running by a dead worker, none failed."""
    unfinished = (
        "SELECT count(*) FROM django_tasks_database_dbtaskresult "
        "WHERE status IN ('READY', 'RUNNING')"
    )
    deadline = time.monotonic() + QUEUE_DRAINS_SECONDS
    while store.count(unfinished):
        assert time.monotonic() < deadline, store.rows(
            "SELECT task_path, status FROM django_tasks_database_dbtaskresult "
            "WHERE status IN ('READY', 'RUNNING')"
        )
        time.sleep(0.5)
    failed = store.rows(
        "SELECT task_path, exception_class_path FROM django_tasks_database_dbtaskresult "
        "WHERE status = 'FAILED'"
    )
    assert not failed


def count_what_was_found(ledger: crash.Ledger, store: Store) -> None:
    titles = Counter(dict(store.rows("SELECT title, count(*) FROM works_work GROUP BY title")))
    chapters = Counter(dict(store.rows("SELECT title, count(*) FROM works_chapter GROUP BY title")))
    comments = [body for (body,) in store.rows("SELECT body FROM feedback_comment")]
    kudos, bookmarks = who_gave(store, "feedback_kudo"), who_gave(store, "feedback_bookmark")
    visits = store.count("SELECT count(*) FROM feedback_visit")
    once = {
        "work": lambda title: titles[title] == 1,
        "import": lambda title: titles[title] == 1,
        "chapter": lambda title: chapters[title] == 1,
        "comment": lambda token: sum(f"{token}<" in b or b.endswith(token) for b in comments) == 1,
        "kudos": lambda key: key in kudos,
        "bookmark": lambda key: key in bookmarks,
    }
    for kind, keys in ledger.acknowledged.items():
        if kind == "view":  # views are not told apart: the count is checked against the rows
            ledger.found[kind] = min(len(keys), visits)
            continue
        ledger.found[kind] = sum(map(once[kind], keys))


def who_gave(store: Store, table: str) -> set[tuple[str, int]]:
    """(username, work id) of every row of a kudos or bookmarks table."""
    join = "JOIN accounts_user u ON u.id = t.user_id"
    return set(store.rows(f"SELECT u.username, t.work_id FROM {table} t {join}"))  # noqa: S608


def emails_due(store: Store) -> Counter:
    """(recipient, subject) of every e-mail the stored rows call for."""
    creators = (
        "JOIN works_creatorship c ON c.work_id = w.id JOIN accounts_pseud p ON p.id = c.pseud_id"
    )
    due = store.rows(
        f"""SELECT u.email, 'Kudos on ' || w.title FROM feedback_kudo k
              JOIN works_work w ON w.id = k.work_id {creators}
              JOIN accounts_user u ON u.id = p.user_id
            UNION ALL
            SELECT u.email, 'Comment on ' || w.title FROM feedback_inboxitem i
              JOIN feedback_comment m ON m.id = i.comment_id JOIN works_work w ON w.id = m.work_id
              JOIN accounts_user u ON u.id = i.user_id
            WHERE m.approved AND NOT m.deleted
            UNION ALL
            SELECT u.email, 'New work: ' || w.title FROM works_work w {creators}
              JOIN feedback_subscription s ON s.creator_id = p.user_id
              JOIN accounts_user u ON u.id = s.user_id
            WHERE w.posted"""  # noqa: S608 - no user input
    )
    return Counter((email, f"[Fanfold Archive] {subject}") for email, subject in due)


def emails_sent(smtp) -> tuple[Counter, int]:
    """How many e-mails arrived per (recipient, subject), a resent copy (same Message-ID)
    counted once; and how many resent copies there were."""
    copies = Counter(message["Message-ID"] for message in smtp.handler.messages)
    what = {
        message["Message-ID"]: (message["To"], " ".join(message["Subject"].split()))
        for message in smtp.handler.messages
    }
    return Counter(what.values()), sum(copies.values()) - len(copies)
