"""A database that is down or restarting answers 503 with Retry-After (a page, or JSON on the
API), never a 500: the reader is asked to come back in a few seconds."""

import json
import socket

import psycopg
import pytest
import redis
from django.db import connections
from django.test import Client

from fanfold.archive.views import server_error


def closed_port() -> int:
    """A loopback port nothing listens on (bound, then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def database_down(django_db_blocker):
    """The default database swapped for one that refuses connections: a closed port for
    PostgreSQL, a file in a folder that does not exist for SQLite."""
    working = connections["default"]
    settings = {**working.settings_dict}
    if working.vendor == "postgresql":
        settings.update(HOST="127.0.0.1", PORT=str(closed_port()))
    else:
        settings["NAME"] = "/nonexistent-folder/fanfold.sqlite3"
    down = working.__class__(settings, alias="default")
    connections["default"] = down
    with django_db_blocker.unblock():
        yield
    down.close()
    connections["default"] = working


@pytest.fixture
def client() -> Client:
    return Client(raise_request_exception=False)


def test_a_page_is_503_with_retry_after_while_the_database_is_down(database_down, client):
    response = client.get("/works/1")
    assert response.status_code == 503
    assert int(response["Retry-After"]) > 0
    assert "cannot reach its database" in response.content.decode()


def test_a_form_post_is_503_while_the_database_is_down(database_down, client):
    response = client.post("/users/login", {"username": "someone", "password": "words-words"})
    assert response.status_code == 503
    assert int(response["Retry-After"]) > 0


def test_the_api_answers_503_json_while_the_database_is_down(database_down, client):
    response = client.get("/api/v1/works/1")
    assert response.status_code == 503
    assert int(response["Retry-After"]) > 0
    body = json.loads(response.content)
    assert body["status"] == 503
    assert "database" in body["message"]


@pytest.mark.django_db
def test_a_page_that_fails_for_another_reason_is_still_a_500(client, monkeypatch):
    def broken(*args, **kwargs):
        raise ValueError("a bug, not an outage")

    monkeypatch.setattr("fanfold.archive.views.works_for_listing", broken)
    response = client.get("/")
    assert response.status_code == 500
    assert "Retry-After" not in response


def test_an_error_raised_while_handling_a_lost_connection_is_a_503_too(rf):
    """Clean-up after a dropped connection can fail in its own way: the cause decides."""
    request = rf.get("/works/1")
    try:
        try:
            raise psycopg.OperationalError("server closed the connection unexpectedly")
        except psycopg.OperationalError:
            raise RuntimeError("while rolling back") from None
    except RuntimeError:
        # `from None` hides the cause from tracebacks but keeps it as the context.
        response = server_error(request)
    assert response.status_code == 503 and response["Retry-After"]
    try:
        raise RuntimeError("a bug of our own")
    except RuntimeError:
        assert server_error(request).status_code == 500


def test_a_redis_connection_lost_where_code_reaches_redis_directly_is_a_503(rf):
    """Most Redis calls carry on without it; one that lets the outage through is a restart
    the reader should retry, like the database's (seen once in the crash run as a 500)."""
    request = rf.get("/works/1")
    for lost in (redis.ConnectionError("Error 111 connecting"), redis.TimeoutError("timed out")):
        try:
            raise lost
        except redis.RedisError:
            response = server_error(request)
        assert response.status_code == 503 and response["Retry-After"]
    try:
        raise redis.ResponseError("WRONGTYPE Operation against a key")  # a bug, not an outage
    except redis.RedisError:
        assert server_error(request).status_code == 500
