"""Guests behind a proxy: each client address has its own rate-limit budget when the proxy is
trusted (FANFOLD_TRUSTED_PROXIES), and X-Forwarded-For from anyone else is ignored."""

import datetime
import ipaddress

import pytest
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.test import Client

from fanfold.lib.env import env_networks

NGINX = "10.0.0.5"


@pytest.fixture(autouse=True)
def _inside_one_window(time_machine):
    # A slow run that straddles a minute would see each budget renewed.
    time_machine.move_to(datetime.datetime(2024, 5, 1, 12, 0, 10, tzinfo=datetime.UTC), tick=False)


@pytest.fixture
def two_pages_a_minute(settings, db):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "request": (2, 60)}
    settings.TRUSTED_PROXIES = [ipaddress.ip_network("10.0.0.0/24"), ipaddress.ip_network("::1")]
    cache.clear()


def statuses(remote_addr: str, forwarded_for: list[str]) -> list[int]:
    """One page request per X-Forwarded-For value (None: no header), from `remote_addr`."""
    client = Client(REMOTE_ADDR=remote_addr)
    headers = [{} if f is None else {"HTTP_X_FORWARDED_FOR": f} for f in forwarded_for]
    return [client.get("/", **h).status_code for h in headers]


def test_guests_behind_a_trusted_proxy_each_have_their_own_budget(two_pages_a_minute):
    assert statuses(NGINX, ["203.0.113.1"] * 3) == [200, 200, 429]
    assert statuses(NGINX, ["203.0.113.2"] * 2) == [200, 200]
    assert statuses("::1", ["2001:db8::7"] * 2) == [200, 200]


def test_an_address_the_client_wrote_before_the_proxys_own_is_ignored(two_pages_a_minute):
    # nginx's $proxy_add_x_forwarded_for appends the address it saw to what the client sent.
    spoofed = [f"198.51.100.{n}, 203.0.113.9" for n in range(3)]
    assert statuses(NGINX, spoofed) == [200, 200, 429]


def test_chains_of_trusted_proxies_are_followed_to_the_client(two_pages_a_minute):
    chain = ["203.0.113.4, 10.0.0.7"] * 3  # a load balancer in front of nginx
    assert statuses(NGINX, chain) == [200, 200, 429]
    assert statuses(NGINX, ["203.0.113.5, 10.0.0.7"]) == [200]


def test_forwarded_for_from_an_untrusted_client_is_ignored(two_pages_a_minute):
    # A new made-up address on every request does not buy a new budget.
    made_up = [f"198.51.100.{n}" for n in range(3)]
    assert statuses("203.0.113.50", made_up) == [200, 200, 429]
    # Nor does it spend someone else's.
    assert statuses("198.51.100.0", [None, None]) == [200, 200]


def test_without_trusted_proxies_the_header_is_never_read(settings, db):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "request": (2, 60)}
    settings.TRUSTED_PROXIES = []
    cache.clear()
    assert statuses(NGINX, ["203.0.113.1", "203.0.113.2", "203.0.113.3"]) == [200, 200, 429]


def test_garbage_in_the_header_counts_against_the_proxy_that_passed_it(two_pages_a_minute):
    assert statuses(NGINX, ["not-an-address", "", "\x00"]) == [200, 200, 429]
    assert statuses(NGINX, ["203.0.113.8"]) == [200]
    # The proxy's own budget, not one shared by every proxy that passes garbage.
    assert statuses("::1", ["not-an-address", "not-an-address"]) == [200, 200]


def test_a_bad_trusted_proxy_setting_stops_start_up(monkeypatch):
    monkeypatch.setenv("FANFOLD_TRUSTED_PROXIES", "10.0.0.0/8, nginx.local")
    with pytest.raises(ImproperlyConfigured, match="FANFOLD_TRUSTED_PROXIES"):
        env_networks("FANFOLD_TRUSTED_PROXIES")
