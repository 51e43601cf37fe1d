"""WSGI entry point for granian, gunicorn or any WSGI server, behind the load shedder."""

import os

from django.conf import settings
from django.core.wsgi import get_wsgi_application

from fanfold.archive.admission import Admission

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fanfold.settings")
application = Admission(
    get_wsgi_application(),
    concurrent=settings.CONCURRENT_REQUESTS,
    queue=settings.REQUEST_QUEUE,
    budget_seconds=settings.REQUEST_QUEUE_SECONDS,
)
