"""Tasks whose worker is killed mid-run (SIGKILL) run again when a worker starts, and the
e-mails they had sent before the kill are not sent twice; a task that kills every worker that
runs it is given up after three tries; a task whose worker is alive is left alone."""

import signal
import sqlite3
import subprocess
import time
from contextlib import closing
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller

from tests.feedback.test_subscriptions_and_email import Sink
from tests.reliability.served import (
    FANFOLD,
    REPO,
    environment,
    free_port,
    migrated_data_dir,
    once_per_suite,
)

pytestmark = once_per_suite


@pytest.fixture
def smtp():
    controller = Controller(Sink(), hostname="127.0.0.1", port=free_port())
    controller.start()
    yield controller
    controller.stop()


@pytest.fixture
def archive(migrated_template, tmp_path, smtp):
    data_dir = migrated_data_dir(migrated_template, tmp_path / "data")
    return environment(data_dir, EMAIL_URL=f"smtp://127.0.0.1:{smtp.port}")


def enqueue(env: dict, task: str, attempts_file: Path) -> str:
    code = (
        f"from tests.reliability.crash_tasks import {task}; "
        f"print({task}.enqueue({str(attempts_file)!r}).id)"
    )
    done = subprocess.run([FANFOLD, "shell", "-c", code], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done.stdout.split()[-1]  # after the shell's "objects imported automatically"


@pytest.fixture
def start_worker(archive, tmp_path):
    """Starts `fanfold db_worker`s on the archive, logging to one file; all stopped at the end."""
    started: list[subprocess.Popen] = []

    def start() -> subprocess.Popen:
        command = [FANFOLD, "db_worker", "--no-startup-delay", "--interval", "0.2"]
        with (tmp_path / "worker.log").open("ab") as out:
            started.append(
                subprocess.Popen(
                    command, env=archive, stdout=out, stderr=subprocess.STDOUT, cwd=REPO
                )
            )
        return started[-1]

    yield start
    for worker in started:
        worker.kill()
        worker.wait()


def status(env: dict, task_id: str) -> str:
    database = Path(env["FANFOLD_DATA_DIR"]) / "fanfold.sqlite3"
    with closing(sqlite3.connect(database)) as conn:
        query = "SELECT status FROM django_tasks_database_dbtaskresult WHERE id = ?"
        return conn.execute(query, [task_id.replace("-", "")]).fetchone()[0]


def wait_for(condition, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "not in time"
        time.sleep(0.2)


def subjects(smtp) -> list[str]:
    return sorted(message["Subject"] for message in smtp.handler.messages)


def test_a_task_killed_mid_run_runs_again_without_sending_its_emails_twice(
    archive, smtp, start_worker, tmp_path
):
    attempts = tmp_path / "attempts"
    task_id = enqueue(archive, "two_emails_with_a_pause", attempts)
    first = start_worker()
    wait_for(lambda: subjects(smtp) == ["First of two"])
    # A second worker starting while the first one is alive leaves its task alone.
    second = start_worker()
    time.sleep(5)
    assert attempts.read_text() == "run\n" and status(archive, task_id) == "RUNNING"
    second.send_signal(signal.SIGTERM)
    second.wait(timeout=60)

    first.send_signal(signal.SIGKILL)
    first.wait(timeout=60)
    assert status(archive, task_id) == "RUNNING"  # what django-tasks-db leaves behind
    start_worker()
    wait_for(lambda: status(archive, task_id) == "SUCCESSFUL")
    assert attempts.read_text() == "run\nrun\n"
    assert subjects(smtp) == ["First of two", "Second of two"]
    assert (
        f"Task id={task_id} was cut off by a dead worker or database"
        in (tmp_path / "worker.log").read_text()
    )


def test_a_task_that_kills_every_worker_is_given_up_after_three_tries(
    archive, start_worker, tmp_path
):
    attempts = tmp_path / "attempts"
    task_id = enqueue(archive, "kill_my_worker", attempts)
    for _ in range(3):
        assert start_worker().wait(timeout=120) == -signal.SIGKILL
    start_worker()
    wait_for(lambda: status(archive, task_id) == "FAILED")
    assert attempts.read_text() == "run\n" * 3
