"""Values every template can use."""

from django.conf import settings
from django.http import HttpRequest


def archive(request: HttpRequest) -> dict:
    return {"archive_name": settings.ARCHIVE_NAME}
