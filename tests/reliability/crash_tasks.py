"""Tasks for the task-recovery test, run by a real `fanfold db_worker`."""

import os
import signal
import time
from pathlib import Path

from django.core.mail import send_mail
from django_tasks import task


def _count_run(attempts_file: str) -> int:
    """Appends a line per run and returns how many runs there have been, this one included."""
    with Path(attempts_file).open("a") as attempts:
        attempts.write("run\n")
    return Path(attempts_file).read_text().count("run")


@task()
def two_emails_with_a_pause(attempts_file: str) -> int:
    """E-mails one reader; on its first run waits (to be killed); then e-mails another."""
    run = _count_run(attempts_file)
    send_mail("First of two", "one", None, ["first@example.org"])
    if run == 1:
        time.sleep(120)
    send_mail("Second of two", "two", None, ["second@example.org"])
    return run


@task()
def kill_my_worker(attempts_file: str) -> None:
    """A task that takes its worker down with it every time (as an out-of-memory kill would)."""
    _count_run(attempts_file)
    os.kill(os.getpid(), signal.SIGKILL)
