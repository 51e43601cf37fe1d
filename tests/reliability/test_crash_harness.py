"""Writes while processes are killed with SIGKILL: every acknowledged write is stored exactly
once, nothing is stored twice, counters equal their rows, the filter index equals the database
and the task queue drains. FANFOLD_CRASH_SECONDS sets the length (`make soak` runs longer)."""

import os
import re
import sqlite3
import sys
import time
from contextlib import closing

import pytest

from tests.reliability import crash
from tests.reliability.served import migrated_data_dir, once_per_suite, serve

SECONDS = float(os.environ.get("FANFOLD_CRASH_SECONDS", "20"))

pytestmark = once_per_suite


@pytest.fixture
def served(migrated_template, tmp_path):
    data_dir = migrated_data_dir(migrated_template, tmp_path / "data")
    crash.make_writers(data_dir)
    # Every view written at once: with the default batching a kill -9 may lose up to one
    # flush interval of a process's views (docs/operations.md), which this test cannot tell apart.
    server = serve(data_dir, FANFOLD_HITS_FLUSH_SECONDS="0")
    yield server
    server.stop()


def rows(database, sql: str, *params) -> list[tuple]:
    with closing(sqlite3.connect(database)) as conn:
        return conn.execute(sql, params).fetchall()


def wait_for_the_task_queue(database, timeout: float = 60) -> None:
    query = "SELECT count(*) FROM django_tasks_database_dbtaskresult WHERE status = 'READY'"
    deadline = time.monotonic() + timeout
    while rows(database, query)[0][0]:
        assert time.monotonic() < deadline, rows(database, query)
        time.sleep(0.5)


def test_acknowledged_writes_survive_sigkill_exactly_once(served, tmp_path, capsys):
    ledger = crash.run(served, SECONDS, seed=19)
    served.wait_until_serving()
    database = tmp_path / "data" / "fanfold.sqlite3"
    wait_for_the_task_queue(database)
    with capsys.disabled():  # the figures the closing note reports
        sys.stdout.write(f"\ncrash harness: {ledger.summary()}\n")
    assert sum(ledger.kills.values()) >= 3 and ledger.acknowledged.get("work")

    # django-tasks-db never reclaims a task whose worker died: each kill may strand one.
    stranded = "SELECT count(*) FROM django_tasks_database_dbtaskresult WHERE status = 'RUNNING'"
    assert rows(database, stranded)[0][0] <= ledger.kills["task worker"]

    titles = dict(rows(database, "SELECT title, count(*) FROM works_work GROUP BY title"))
    chapters = dict(rows(database, "SELECT title, count(*) FROM works_chapter GROUP BY title"))
    assert all(titles.get(title) == 1 for title in ledger.acknowledged["work"])
    assert all(chapters.get(title) == 1 for title in ledger.acknowledged.get("chapter", []))
    assert max(titles.values()) == 1
    assert max((n for title, n in chapters.items() if title), default=1) == 1  # first: untitled
    comments = [body for (body,) in rows(database, "SELECT body FROM feedback_comment")]
    for token in ledger.acknowledged.get("comment", []):
        assert sum(f"{token}<" in body or body.endswith(token) for body in comments) == 1, token
    for table, kind in (("feedback_kudo", "kudos"), ("feedback_bookmark", "bookmark")):
        query = (
            f"SELECT u.username, t.work_id FROM {table} t JOIN accounts_user u ON u.id = t.user_id"  # noqa: S608
        )
        stored = set(rows(database, query))
        assert set(ledger.acknowledged.get(kind, [])) <= stored, kind

    counters = rows(
        database,
        """SELECT w.id, w.kudos_count, (SELECT count(*) FROM feedback_kudo k WHERE k.work_id = w.id),
                  w.comment_count, (SELECT count(*) FROM feedback_comment c WHERE c.work_id = w.id),
                  w.bookmark_count, (SELECT count(*) FROM feedback_bookmark b WHERE b.work_id = w.id),
                  w.hit_count, (SELECT count(*) FROM feedback_visit v WHERE v.work_id = w.id)
           FROM works_work w""",
    )
    for work_id, *pairs in counters:
        assert pairs[0::2] == pairs[1::2], (work_id, pairs)
    visits = rows(database, "SELECT count(*) FROM feedback_visit")[0][0]
    assert len(ledger.acknowledged.get("view", [])) <= visits <= ledger.sent["view"]

    posted = rows(database, "SELECT count(*) FROM works_work WHERE posted")[0][0]
    time.sleep(1.5)  # the index polls for changes every second
    heading = re.search(r"of ([\d,]+) Works", served.get("/works")[1].decode())
    assert heading and int(heading.group(1).replace(",", "")) == posted
