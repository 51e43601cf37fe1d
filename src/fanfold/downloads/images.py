"""Fetching a chapter's images for an EPUB: public hosts only, small, quick, or not at all."""

from django.conf import settings

from fanfold.lib.fetching import FetchFailed, FetchRefused, HostRule, fetch_public, public_host

MAX_IMAGE_BYTES = 5 * 1024 * 1024
TIMEOUT_SECONDS = 5


def fetch_image(url: str, host_allowed: HostRule = public_host) -> tuple[bytes, str] | None:
    """The image's bytes and media type, or None; a download never fails over an image.

    `host_allowed` decides each hop (tests let a loopback server stand in for a public host).
    """
    if not settings.DOWNLOAD_FETCH_IMAGES:
        return None
    try:
        return fetch_public(
            url,
            max_bytes=MAX_IMAGE_BYTES,
            timeout=TIMEOUT_SECONDS,
            user_agent="Fanfold e-book maker",
            host_allowed=host_allowed,
        )
    except (FetchRefused, FetchFailed):
        return None
