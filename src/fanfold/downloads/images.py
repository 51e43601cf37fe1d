"""Fetching a chapter's images for an EPUB: public hosts only, small, quick, or not at all.

Every hop is checked: a redirect is followed only to another public host, so a public
server cannot send the fetcher to an address inside the archive's own network.
"""

import ipaddress
import socket
import urllib.error
import urllib.request
from collections.abc import Callable
from urllib.parse import urlsplit

from django.conf import settings

MAX_IMAGE_BYTES = 5 * 1024 * 1024
TIMEOUT_SECONDS = 5
MAX_REDIRECTS = 3
HostRule = Callable[[str], bool]


def public_host(host: str) -> bool:
    """Refuses hosts that resolve to this machine or a private network (no SSRF)."""
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(host, None)}
    except OSError:
        return False
    return bool(addresses) and all(ipaddress.ip_address(a).is_global for a in addresses)


def _allowed(url: str, host_allowed: HostRule) -> bool:
    parts = urlsplit(url)
    host = parts.hostname
    return parts.scheme in {"http", "https"} and host is not None and host_allowed(host)


class _CheckEveryHop(urllib.request.HTTPRedirectHandler):
    max_redirections = MAX_REDIRECTS

    def __init__(self, host_allowed: HostRule) -> None:
        self.host_allowed = host_allowed

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        if not _allowed(newurl, self.host_allowed):
            raise urllib.error.HTTPError(newurl, code, "redirect to a refused host", headers, fp)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def fetch_image(url: str, host_allowed: HostRule = public_host) -> tuple[bytes, str] | None:
    """The image's bytes and media type, or None; a download never fails over an image.

    `host_allowed` decides each hop (tests let a loopback server stand in for a public host).
    """
    if not settings.DOWNLOAD_FETCH_IMAGES or not _allowed(url, host_allowed):
        return None
    opener = urllib.request.build_opener(_CheckEveryHop(host_allowed))
    request = urllib.request.Request(url, headers={"User-Agent": "Fanfold e-book maker"})  # noqa: S310 - http(s) only, checked above
    try:
        with opener.open(request, timeout=TIMEOUT_SECONDS) as response:
            data = response.read(MAX_IMAGE_BYTES + 1)
            media_type = response.headers.get_content_type()
    except (OSError, ValueError):
        return None
    return None if len(data) > MAX_IMAGE_BYTES else (data, media_type)
