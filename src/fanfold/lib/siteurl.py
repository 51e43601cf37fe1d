"""The archive's own address, for links read outside the page: downloads, e-mails, feeds."""

from django.conf import settings
from django.http import HttpRequest


def site_url(request: HttpRequest | None = None) -> str:
    """SITE_URL when the operator set it; otherwise the address this request came to."""
    if settings.SITE_URL_IS_SET or request is None:
        return settings.SITE_URL
    return request.build_absolute_uri("/").rstrip("/")
