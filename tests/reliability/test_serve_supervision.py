"""`fanfold serve` as real processes: signals stop the web server and the task worker
together after in-flight requests finish, and whatever crashes is started again."""

import os
import signal
import threading
import time

import pytest

from tests.reliability.served import (
    Served,
    command_line,
    is_alive,
    migrated_data_dir,
    once_per_suite,
    serve,
)

pytestmark = once_per_suite


@pytest.fixture
def served(migrated_template, tmp_path):
    data_dir = migrated_data_dir(migrated_template, tmp_path / "data")
    server = serve(data_dir, DJANGO_SETTINGS_MODULE="tests.reliability.slow_site")
    yield server
    server.stop()


def wait_for(condition, timeout: float = 20) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "condition not met in time"
        time.sleep(0.1)


def stop_during_a_slow_request(served: Served, stop_signal: int) -> None:
    """The request in flight when the signal comes is answered; then every process is gone."""
    processes = served.all_pids()
    assert served.task_worker() in processes and served.web_workers()
    answers: list[tuple[int, bytes]] = []
    request = threading.Thread(target=lambda: answers.append(served.get("/slow?seconds=2")))
    request.start()
    time.sleep(0.7)  # the request is inside the view now
    served.process.send_signal(stop_signal)
    request.join(timeout=20)
    assert answers == [(200, b"finished after 2.0 s")]
    assert served.process.wait(timeout=30) == 0
    survivors = [pid for pid in processes if is_alive(pid)]
    assert not survivors, [command_line(pid) for pid in survivors]


def test_sigterm_ends_server_and_task_worker_after_the_in_flight_request(served: Served):
    served.get("/works")
    lines = served.log().splitlines()
    # The serving line is not buried under a line per background task (issue 13).
    assert lines[0].startswith(f"Fanfold is serving on {served.url}/")
    assert not [line for line in lines if "Task id=" in line or "Starting worker" in line]
    stop_during_a_slow_request(served, signal.SIGTERM)


def test_killed_processes_are_started_again_and_ctrl_c_stops_them_all(served: Served):
    for find in (lambda: served.web_workers()[0], served.task_worker, served.web_main):
        victim = find()
        os.kill(victim, signal.SIGKILL)
        wait_for(lambda find=find, victim=victim: _replaced(find, victim))
        served.wait_until_serving(timeout=30)
    assert "task worker exited with code -9; restarting" in served.log()
    assert "web server exited with code -9; restarting" in served.log()
    stop_during_a_slow_request(served, signal.SIGINT)


def _replaced(find, victim: int) -> bool:
    try:
        return find() != victim
    except (StopIteration, IndexError):
        return False
