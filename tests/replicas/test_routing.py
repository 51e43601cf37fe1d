"""The replica router without a second cluster: writes and pinned readers go to the primary,
other reads of web requests to a healthy replica, and a replica that is down or behind is left
out until it is back. The replica is a stand-in answering the lag query (or failing to); the
whole shape with a real streaming replica is in test_scale_out (`make scale-test`)."""

import pytest
from django.db import DatabaseError
from django.http import HttpResponse
from django.test import RequestFactory

from fanfold.caching.shared import remembered, sharing_rows
from fanfold.replicas import routing
from fanfold.replicas.middleware import PIN_COOKIE, ReplicaReads
from fanfold.works.models import Work

ROUTER = routing.ReplicaRouter()


class StandInReplica:
    """Answers the lag query with `lag` seconds, or fails like a stopped server."""

    def __init__(self) -> None:
        self.lag: float | None = 0.0  # None: the server is down
        self.checks = 0

    def cursor(self):
        return self

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        return None

    def execute(self, sql: str) -> None:
        assert sql == routing.LAG_QUERY
        self.checks += 1
        if self.lag is None:
            raise DatabaseError("connection refused")

    def fetchone(self) -> tuple[float]:
        return (self.lag,)

    def close(self) -> None:
        return None


class Clock:
    """The router's monotonic clock, moved by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def monotonic(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch) -> Clock:
    clock = Clock()
    monkeypatch.setattr(routing, "time", clock)
    return clock


@pytest.fixture
def replica(monkeypatch, settings, clock):
    settings.REPLICA_MAX_LAG_SECONDS = 2
    settings.REPLICA_PIN_SECONDS = 10
    stand_in = StandInReplica()
    monkeypatch.setattr(routing, "replica_aliases", lambda: ["replica0"])
    monkeypatch.setattr(routing, "connections", {"replica0": stand_in})
    monkeypatch.setattr(routing, "_health", {})
    return stand_in


def read_database() -> str:
    return ROUTER.db_for_read(Work)


def wait_for_the_next_health_check(clock: Clock) -> None:
    clock.now += routing.CHECK_EVERY_SECONDS + 0.1


def test_writes_always_go_to_the_primary(replica):
    with routing.replica_reads(True):
        assert ROUTER.db_for_write(Work) == routing.PRIMARY


def test_reads_outside_a_web_request_go_to_the_primary(replica):
    assert read_database() == routing.PRIMARY  # commands, tasks, migrations


def test_reads_of_a_web_request_go_to_a_replica_that_is_caught_up(replica):
    with routing.replica_reads(True):
        assert read_database() == "replica0"
    with routing.primary_only():
        assert read_database() == routing.PRIMARY


def test_a_lagging_replica_is_left_out_until_it_catches_up(replica, clock):
    replica.lag = 5.0
    with routing.replica_reads(True):
        assert read_database() == routing.PRIMARY
        replica.lag = 0.5
        assert read_database() == routing.PRIMARY  # not checked again within a second
        wait_for_the_next_health_check(clock)
        assert read_database() == "replica0"


def test_a_stopped_replica_sends_reads_to_the_primary_and_is_checked_once_a_second(replica, clock):
    replica.lag = None
    with routing.replica_reads(True):
        for _ in range(5):
            assert read_database() == routing.PRIMARY
        assert replica.checks == 1
        replica.lag = 0.0
        wait_for_the_next_health_check(clock)
        assert read_database() == "replica0"


def through_middleware(request) -> tuple[HttpResponse, list[str]]:
    """Runs a request through ReplicaReads; returns the answer and where its reads went."""
    reads: list[str] = []

    def view(request) -> HttpResponse:
        reads.append(read_database())
        return HttpResponse("ok")

    return ReplicaReads(view)(request), reads


def test_a_writer_is_pinned_to_the_primary_so_they_read_their_own_writes(replica):
    posted, _ = through_middleware(RequestFactory().post("/works/new"))
    pin = posted.cookies[PIN_COOKIE]
    assert pin["max-age"] == 10
    pinned = RequestFactory().get("/works")
    pinned.COOKIES[PIN_COOKIE] = pin.value
    assert through_middleware(pinned)[1] == [routing.PRIMARY]
    assert through_middleware(RequestFactory().get("/works"))[1] == ["replica0"]


def test_a_read_that_fails_on_a_replica_is_answered_from_the_primary(replica):
    answers = []

    def view(request) -> HttpResponse:
        database = read_database()
        if database != routing.PRIMARY:
            raise DatabaseError("the replica went away mid-request")
        answers.append(database)
        return HttpResponse("from the primary")

    middleware = ReplicaReads(view)
    request = RequestFactory().get("/works")
    with pytest.raises(DatabaseError) as failure:
        middleware(request)
    answer = middleware.process_exception(request, failure.value)
    assert answer.content == b"from the primary" and answers == [routing.PRIMARY]
    with routing.replica_reads(True):
        assert read_database() == routing.PRIMARY  # marked down until the next check


def test_rows_kept_for_every_reader_are_read_from_the_primary(replica, db):
    # Kept under the newest content generation, a lagging replica's rows would outlive the
    # lag: the reads that fill the shared rows go to the primary, even inside a web request.
    with routing.replica_reads(True), sharing_rows():
        assert read_database() == "replica0"
        assert remembered("which-database", read_database) == routing.PRIMARY
        assert remembered("which-database", read_database) == routing.PRIMARY  # kept
