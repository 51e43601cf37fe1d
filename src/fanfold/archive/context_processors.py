"""Values every template can use."""

from django.conf import settings
from django.http import HttpRequest

from fanfold.moderation.models import SiteSettings


def archive(request: HttpRequest) -> dict:
    return {"archive_name": settings.ARCHIVE_NAME, "site": SiteSettings.current()}
