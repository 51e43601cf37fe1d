"""Two app processes behind nginx on a PostgreSQL primary and a streaming replica (both
through pgbouncer in transaction mode) and Redis:
a work posted through one is found through the other, and reads survive a lagging or
stopped replica. Bringing the whole shape up takes about a minute on this 2-core machine
(migrations on a new cluster, two apps starting), so it runs in `make scale-test`, not in
`make test`."""

import http.cookiejar
import os
import re
import time
import urllib.parse
import urllib.request

import psycopg
import pytest
from scripts.scale_out import AUTHOR, PASSWORD, REPLICA_POOL, missing_tools, scaled_out

from fanfold.replicas.middleware import PIN_COOKIE

pytestmark = pytest.mark.skipif(
    os.environ.get("FANFOLD_SCALE_TEST") != "1", reason="runs in `make scale-test`"
)


class Browser:
    """A reader with a cookie jar, talking HTTP to one address."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies))

    def get(self, path: str) -> str:
        with self.opener.open(self.base + path, timeout=30) as answer:
            assert answer.status == 200, path
            return answer.read().decode()

    def submit(self, form_path: str, data: dict, to: str | None = None) -> str:
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', self.get(form_path))
        body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": token.group(1)}, doseq=True)
        request = urllib.request.Request(self.base + (to or form_path), data=body.encode())
        request.add_header("Referer", self.base + form_path)
        with self.opener.open(request, timeout=30) as answer:
            return answer.read().decode()

    def sign_in(self) -> None:
        self.submit("/users/login", {"username": AUTHOR, "password": PASSWORD})

    def forget_pin(self) -> None:
        """As if the pin to the primary a write (or the sign-in) set had run out."""
        for cookie in list(self.cookies):
            if cookie.name == PIN_COOKIE:
                self.cookies.clear(cookie.domain, cookie.path, cookie.name)


def wait_for_pooled_transactions(shape, database: str, more_than: int) -> None:
    # pgbouncer refreshes its statistics every second.
    deadline = time.monotonic() + 5
    while shape.pooled_transactions(database) <= more_than:
        assert time.monotonic() < deadline, f"too few transactions went through {database}"
        time.sleep(0.5)


def post_work(author: Browser, title: str, freeform: str) -> None:
    form = author.get("/works/new")
    pseud = re.search(r'name="pseuds"[^>]*value="(\d+)"|<option value="(\d+)"[^>]*selected', form)
    page = author.submit(
        "/works/new",
        {
            "title": title,
            "pseuds": [pseud.group(1) or pseud.group(2)],
            "rating": "General Audiences",
            "warnings": ["No Archive Warnings Apply"],
            "fandoms": "Original Work",
            "freeforms": freeform,
            "language": "en",
            "expected_chapters": "1",
            "comment_permission": "everyone",
            "chapter-body": "A lamp was lit in the tower.",
            "post": "Post",
        },
    )
    assert title in page


def filter_url(freeform: str) -> str:
    return "/works?" + urllib.parse.urlencode({"work_search[other_tag_names]": freeform})


def seconds_until_found(reader: Browser, freeform: str, title: str, limit: float) -> float:
    started = time.monotonic()
    while title not in reader.get(filter_url(freeform)):
        assert time.monotonic() - started < limit, f"{title} not found within {limit} s"
        time.sleep(0.1)
    return time.monotonic() - started


@pytest.fixture(scope="module")
def shape():
    missing = missing_tools()
    assert not missing, f"make scale-test needs {', '.join(missing)} (make scale-tools)"
    with scaled_out() as running:
        yield running


def test_a_work_posted_through_one_app_is_found_through_the_other_within_two_seconds(shape):
    author = Browser(shape.through_app(0))
    author.sign_in()
    transactions_before = shape.pooled_transactions("fanfold")
    post_work(author, "Lantern Over The Bay", "Scale Lanterns")
    # The write went through pgbouncer in transaction mode, not around it.
    wait_for_pooled_transactions(shape, "fanfold", transactions_before)
    assert seconds_until_found(Browser(shape.through_app(1)), "Scale Lanterns", "Lantern", 2) < 2
    # The writer reads their own write at once, whichever app nginx sends them to.
    author.base = shape.front
    for _ in range(4):
        assert "Lantern Over The Bay" in author.get(filter_url("Scale Lanterns"))


def test_a_reader_who_wrote_nothing_lately_reads_from_the_replica_through_pgbouncer(shape):
    reader = Browser(shape.through_app(1))
    reader.sign_in()
    reader.forget_pin()
    transactions_before = shape.pooled_transactions(REPLICA_POOL)
    for path in ("/works", "/", filter_url("Scale Lanterns")):
        reader.get(path)
    # Three pages of about a dozen reads each; the replica's lag check is one a second.
    wait_for_pooled_transactions(shape, REPLICA_POOL, transactions_before + 15)


def test_reads_keep_working_while_the_replica_lags_and_when_it_stops(shape):
    author = Browser(shape.through_app(0))
    author.sign_in()
    replica = f"postgres://postgres@127.0.0.1:{shape.replica_port}/fanfold"
    with psycopg.connect(replica, autocommit=True) as standby:
        standby.execute("SELECT pg_wal_replay_pause()")
        post_work(author, "Written While Lagging", "Scale Lag")
        # The replica never gets it while paused: the other app must turn to the primary.
        seconds_until_found(Browser(shape.through_app(1)), "Scale Lag", "While Lagging", 6)
        standby.execute("SELECT pg_wal_replay_resume()")
    shape.pg_ctl("replica", "stop")
    guest = Browser(shape.front)
    for _ in range(6):
        assert "Written While Lagging" in guest.get(filter_url("Scale Lag"))
    post_work(author, "Written Without Replica", "Scale Alone")
    seconds_until_found(Browser(shape.through_app(1)), "Scale Alone", "Without Replica", 2)
