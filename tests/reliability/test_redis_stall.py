"""A Redis that accepts connections but never answers (stalled, swapping): pages, signing in
and posting still answer, each within a budget, as they do when Redis refuses connections."""

import re
import socket
import threading
import time

import pytest

from tests.reliability.crash import PASSWORD, Browser, make_writers, work_form
from tests.reliability.served import migrated_data_dir, once_per_suite, serve

pytestmark = once_per_suite
REDIS_TIMEOUT_MS = 200
# A page makes a handful of Redis calls (rate limit, session, cache, content generation, hits),
# each given up after the timeout; without one, the first call would hold the page for ever.
PAGE_BUDGET_SECONDS = 3


class SilentRedis:
    """A TCP listener that accepts every connection and never says a word."""

    def __init__(self) -> None:
        self.listener = socket.create_server(("127.0.0.1", 0), backlog=128)
        self.accepted: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.listener.getsockname()[1]}/0"

    def _accept(self) -> None:
        while True:
            try:
                self.accepted.append(self.listener.accept()[0])
            except OSError:  # closed at the end of the test
                return

    def close(self) -> None:
        self.listener.close()
        for connection in self.accepted:
            connection.close()


@pytest.fixture
def silent_redis():
    redis = SilentRedis()
    yield redis
    redis.close()


@pytest.fixture
def served(migrated_template, tmp_path, silent_redis):
    data_dir = migrated_data_dir(migrated_template, tmp_path / "data")
    make_writers(data_dir)
    server = serve(
        data_dir, REDIS_URL=silent_redis.url, FANFOLD_REDIS_TIMEOUT_MS=str(REDIS_TIMEOUT_MS)
    )
    yield server
    server.stop()


def timed(request) -> tuple[int, str, float]:
    started = time.monotonic()
    status, body = request()
    return status, body, time.monotonic() - started


def test_pages_answer_within_the_budget_while_redis_never_answers(served, silent_redis):
    writer = Browser(served.url)
    answers = {"sign-in form": timed(lambda: writer.request("/users/login"))}
    answers["sign in"] = timed(
        lambda: writer.request("/users/login", {"username": "writer_a", "password": PASSWORD})
    )
    _, new_work_page, _ = answers["new work form"] = timed(lambda: writer.request("/works/new"))
    pseud = re.search(r'name="pseuds" value="(\d+)"', new_work_page)
    assert pseud, served.log()[-4000:]
    form = work_form("Quiet Harbour", pseud.group(1))
    _, location, _ = answers["post"] = timed(lambda: writer.request("/works/new", form))
    guest = Browser(served.url)
    # The listing shows a new work once the serving process's index polls (each second).
    deadline = time.monotonic() + 3
    answers["listing"] = timed(lambda: guest.request("/works"))
    while "Quiet Harbour" not in answers["listing"][1] and time.monotonic() < deadline:
        time.sleep(0.25)
        answers["listing"] = timed(lambda: guest.request("/works"))
    answers["work"] = timed(lambda: guest.request(location.removeprefix(served.url)))
    answers["front page"] = timed(lambda: guest.request("/"))

    assert silent_redis.accepted, "the archive never tried Redis"
    statuses = {name: status for name, (status, _, _) in answers.items()}
    assert statuses == {
        "sign-in form": 200,
        "sign in": 302,
        "new work form": 200,
        "post": 302,
        "listing": 200,
        "work": 200,
        "front page": 200,
    }
    assert "Quiet Harbour" in answers["work"][1]
    assert "Quiet Harbour" in answers["listing"][1]
    slow = {name: round(seconds, 2) for name, (_, _, seconds) in answers.items()}
    assert max(slow.values()) < PAGE_BUDGET_SECONDS, slow
