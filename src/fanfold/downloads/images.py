"""Fetching a chapter's images for an EPUB: public hosts only, small, quick, or not at all."""

import ipaddress
import socket
import urllib.request
from urllib.parse import urlsplit

from django.conf import settings

MAX_IMAGE_BYTES = 5 * 1024 * 1024
TIMEOUT_SECONDS = 5


def _public_host(host: str) -> bool:
    """Refuses hosts that resolve to this machine or a private network (no SSRF)."""
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(host, None)}
    except OSError:
        return False
    return all(ipaddress.ip_address(address).is_global for address in addresses)


def fetch_image(url: str) -> tuple[bytes, str] | None:
    """The image's bytes and media type, or None; a download never fails over an image."""
    if not settings.DOWNLOAD_FETCH_IMAGES:
        return None
    parts = urlsplit(url)
    if (
        parts.scheme not in {"http", "https"}
        or not parts.hostname
        or not _public_host(parts.hostname)
    ):
        return None
    request = urllib.request.Request(url, headers={"User-Agent": "Fanfold e-book maker"})  # noqa: S310 - http(s) only, checked above
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310
            data = response.read(MAX_IMAGE_BYTES + 1)
            media_type = response.headers.get_content_type()
    except (OSError, ValueError):
        return None
    return None if len(data) > MAX_IMAGE_BYTES else (data, media_type)
