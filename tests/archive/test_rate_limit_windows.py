"""Rate-limit windows on the clock: when a budget renews, what Retry-After says, who shares one."""

import contextlib
import datetime

import pytest
import redis
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.test import Client, RequestFactory
from django.urls import reverse

from fanfold.lib.ratelimits import RateLimited, allow, client_ip, client_key, enforce

START = datetime.datetime(2024, 5, 1, 12, 0, 0, tzinfo=datetime.UTC)


def tight_limits(settings, **scopes: tuple[int, int]) -> None:
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, **scopes}


def at(seconds: float) -> datetime.datetime:
    return START + datetime.timedelta(seconds=seconds)


@contextlib.contextmanager
def expiring_while_counting(monkeypatch):
    """The cache drops each bucket between creating and counting it (its expiry passed)."""
    incr = cache.incr

    def incr_after_expiry(key, *args, **kwargs):
        cache.delete(key)
        return incr(key, *args, **kwargs)

    with monkeypatch.context() as expiring:
        expiring.setattr(cache, "incr", incr_after_expiry)
        yield


@pytest.mark.parametrize(("second", "retry_after"), [(0, 60), (45, 15), (59.5, 1)])
def test_retry_after_is_the_rest_of_the_minute(
    settings, db, guest, time_machine, second, retry_after
):
    tight_limits(settings, request=(1, 60))
    time_machine.move_to(at(second), tick=False)
    assert guest.get(reverse("archive:home")).status_code == 200
    refused = guest.get(reverse("archive:home"))
    assert refused.status_code == 429
    assert refused["Retry-After"] == str(retry_after)


def test_a_spent_budget_renews_when_the_window_turns(settings, db, guest, time_machine):
    tight_limits(settings, request=(2, 60))
    time_machine.move_to(at(50), tick=False)
    assert [guest.get("/").status_code for _ in range(3)] == [200, 200, 429]
    time_machine.move_to(at(59), tick=False)
    assert guest.get("/").status_code == 429  # still the same window
    time_machine.move_to(at(60), tick=False)
    assert [guest.get("/").status_code for _ in range(3)] == [200, 200, 429]


def test_windows_are_counted_per_scope_length(time_machine, settings):
    # An hour-long budget does not renew at the turn of a minute.
    tight_limits(settings, signup=(1, 3600))
    time_machine.move_to(at(10), tick=False)
    enforce("signup", "ip:192.0.2.7")
    time_machine.move_to(at(70), tick=False)
    with pytest.raises(RateLimited) as refused:
        enforce("signup", "ip:192.0.2.7")
    assert refused.value.retry_after == 3600 - 70
    assert str(refused.value) == "rate limited for 3530 s"


def test_an_hour_long_budget_stays_spent_until_the_hour_turns(time_machine, settings):
    # The cache's own default expiry is five minutes: the bucket must last the whole window.
    tight_limits(settings, signup=(1, 3600))
    time_machine.move_to(at(10), tick=False)
    enforce("signup", "ip:192.0.2.8")
    time_machine.move_to(at(3599), tick=False)
    with pytest.raises(RateLimited) as refused:
        enforce("signup", "ip:192.0.2.8")
    assert refused.value.retry_after == 1
    time_machine.move_to(at(3600), tick=False)
    enforce("signup", "ip:192.0.2.8")


def test_a_budget_of_zero_refuses_even_the_first_request(settings, db, guest, time_machine):
    tight_limits(settings, request=(0, 60))
    time_machine.move_to(at(10), tick=False)
    assert guest.get("/").status_code == 429


def test_a_key_that_is_not_valid_unicode_is_counted_like_any_other(time_machine):
    # Keys hold what people typed; a lone surrogate cannot be encoded as UTF-8 as it is.
    time_machine.move_to(at(10), tick=False)
    assert [allow("login:name:\ud800wren", 2, 60) for _ in range(3)] == [True, True, False]


def test_a_bucket_that_expires_while_counting_starts_a_new_window(
    settings, monkeypatch, time_machine
):
    # The cache may drop the bucket between creating and counting it (its expiry passed):
    # that request is the first of a new window, and it is allowed.
    tight_limits(settings, kudos=(3, 60))
    time_machine.move_to(at(10), tick=False)
    with expiring_while_counting(monkeypatch):
        enforce("kudos", "user:1")
    enforce("kudos", "user:1")  # the new window counted that first request once
    enforce("kudos", "user:1")
    with pytest.raises(RateLimited):
        enforce("kudos", "user:1")


def test_a_bucket_made_again_while_counting_lasts_the_whole_window(
    settings, monkeypatch, time_machine
):
    # The bucket the expired-bucket branch makes must not fall back to the cache's default
    # expiry (five minutes): an hour-long budget still remembers that request at minute 50.
    tight_limits(settings, report=(2, 3600))
    time_machine.move_to(at(10), tick=False)
    with expiring_while_counting(monkeypatch):
        enforce("report", "ip:192.0.2.9")
    time_machine.move_to(at(3000), tick=False)
    enforce("report", "ip:192.0.2.9")
    with pytest.raises(RateLimited):
        enforce("report", "ip:192.0.2.9")


def test_only_the_limited_methods_spend_the_budget(settings, db, guest, time_machine):
    time_machine.move_to(at(10), tick=False)
    tight_limits(settings, signup=(1, 3600))
    for _ in range(3):
        assert guest.get(reverse("accounts:signup")).status_code == 200
    guest.post(reverse("accounts:signup"), {"username": "x"})
    assert guest.post(reverse("accounts:signup"), {"username": "x"}).status_code == 429
    assert guest.get(reverse("accounts:signup")).status_code == 200


def test_guests_are_counted_per_address(settings, db, time_machine):
    tight_limits(settings, request=(1, 60))
    time_machine.move_to(at(10), tick=False)  # on a slow machine the minute could turn
    first, same, other = (Client(REMOTE_ADDR=a) for a in ("10.0.0.1", "10.0.0.1", "10.0.0.2"))
    assert first.get("/").status_code == 200
    assert same.get("/").status_code == 429
    assert other.get("/").status_code == 200


def test_a_request_without_an_address_is_counted_as_the_empty_address():
    request = RequestFactory().get("/works")
    del request.META["REMOTE_ADDR"]
    request.user = AnonymousUser()
    assert client_ip(request) == ""
    assert client_key(request) == "ip:"


def test_while_redis_is_unreachable_nobody_is_limited_and_the_operator_is_told(
    settings, monkeypatch, caplog
):
    tight_limits(settings, kudos=(1, 60))

    def unreachable(*args, **kwargs):
        raise redis.ConnectionError("Connection refused")

    monkeypatch.setattr(cache, "add", unreachable)
    for _ in range(3):
        enforce("kudos", "user:1")
    assert caplog.messages == ["rate limits are off: Redis is unreachable"] * 3
