"""Fetching from the web on a user's behalf: public hosts only, every redirect hop checked.

A redirect is followed only to another allowed host, so a public server cannot send the
fetcher to an address inside the archive's own network.
"""

import ipaddress
import socket
import urllib.error
import urllib.request
from collections.abc import Callable
from urllib.parse import urlsplit

from django.utils.translation import gettext, ngettext

MAX_REDIRECTS = 3
HostRule = Callable[[str], bool]


class FetchRefused(Exception):
    """The address is not one the archive will fetch from.

    Its message, like FetchFailed's, is in the language active when it is raised: the person
    who asked for the fetch reads it."""


class FetchFailed(Exception):
    """The host did not give a usable answer."""


def public_host(host: str) -> bool:
    """Refuses hosts that resolve to this machine or a private network (no SSRF)."""
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(host, None)}
    except OSError:
        return False
    return bool(addresses) and all(ipaddress.ip_address(a).is_global for a in addresses)


def allowed(url: str, host_allowed: HostRule) -> bool:
    parts = urlsplit(url)
    host = parts.hostname
    return parts.scheme in {"http", "https"} and host is not None and host_allowed(host)


class _CheckEveryHop(urllib.request.HTTPRedirectHandler):
    max_redirections = MAX_REDIRECTS

    def __init__(self, host_allowed: HostRule) -> None:
        self.host_allowed = host_allowed

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        if not allowed(newurl, self.host_allowed):
            raise urllib.error.HTTPError(newurl, code, "redirect to a refused host", headers, fp)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def fetch_public(
    url: str, *, max_bytes: int, timeout: float, user_agent: str, host_allowed: HostRule
) -> tuple[bytes, str]:
    """The body (at most max_bytes) and media type, or FetchRefused / FetchFailed."""
    if not allowed(url, host_allowed):
        raise FetchRefused(
            gettext("%(url)s is not on a public host (http or https only)") % {"url": url}
        )
    opener = urllib.request.build_opener(_CheckEveryHop(host_allowed))
    request = urllib.request.Request(url, headers={"User-Agent": user_agent})  # noqa: S310 - http(s) only, checked above
    try:
        with opener.open(request, timeout=timeout) as response:
            data = response.read(max_bytes + 1)
            media_type = response.headers.get_content_type()
    except urllib.error.HTTPError as error:
        error.close()  # it holds the response open
        raise _could_not_fetch(url, error) from None
    except (OSError, ValueError) as error:
        raise _could_not_fetch(url, error) from None
    if len(data) > max_bytes:
        raise FetchFailed(
            ngettext(
                "%(url)s is larger than the limit of %(limit)s byte",
                "%(url)s is larger than the limit of %(limit)s bytes",
                max_bytes,
            )
            % {"url": url, "limit": max_bytes}
        )
    return data, media_type


def _could_not_fetch(url: str, error: Exception) -> FetchFailed:
    """The reason comes from the network library, in English."""
    return FetchFailed(
        gettext("%(url)s could not be fetched: %(reason)s") % {"url": url, "reason": error}
    )
