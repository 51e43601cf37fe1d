"""An e-mail backend that sends each message of a task run once, however often the task runs.

A task whose worker is killed is run again (archive/taskqueue.py); the e-mails it had already
sent must not go out twice. Each message a task sends is keyed by the task's id, its recipients
and its subject, and recorded in the same transaction that sends it, so a rerun skips it. A kill
in the moment between the mail server's acceptance and the commit still sends it again: that
copy carries the same Message-ID, which mail clients use to drop duplicates.
"""

import datetime
import hashlib

from django.conf import settings
from django.core.cache import cache
from django.core.mail import get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.message import EmailMessage
from django.core.mail.utils import DNS_NAME
from django.db import transaction
from django.utils import timezone

from fanfold.archive.models import SentEmail
from fanfold.archive.taskqueue import current_task_id, oldest_task_that_may_run_again

# Records and tasks are stamped by the clocks of different machines (worker, web server).
CLOCK_MARGIN = datetime.timedelta(hours=1)
FORGET_EVERY_SECONDS = 86400


class SentOnceFromTasks(BaseEmailBackend):
    """Wraps settings.FANFOLD_EMAIL_DELIVERY (SMTP, the console, ...)."""

    def __init__(self, fail_silently: bool = False, **kwargs) -> None:
        super().__init__(fail_silently=fail_silently)
        self.delivery = get_connection(
            settings.FANFOLD_EMAIL_DELIVERY, fail_silently=fail_silently, **kwargs
        )

    def send_messages(self, email_messages) -> int:
        task_id = current_task_id.get()
        if not task_id:
            return self.delivery.send_messages(email_messages)
        # Where the records are made, the old ones are forgotten: once a day, by one task.
        if cache.add("fanfold:forget-sent-emails", 1, FORGET_EVERY_SECONDS):
            forget_sent_emails()
        return sum(self._send_once(task_id, message) for message in email_messages)

    def _send_once(self, task_id: str, message: EmailMessage) -> int:
        what = [task_id, *sorted(message.recipients()), str(message.subject)]
        key = hashlib.sha256("\0".join(what).encode()).hexdigest()
        message.extra_headers.setdefault("Message-ID", f"<{key}@{DNS_NAME}>")
        with transaction.atomic():
            _, new = SentEmail.objects.get_or_create(key=key)
            if not new:
                return 0
            return self.delivery.send_messages([message]) or 0


def forget_sent_emails() -> int:
    """Deletes the records no rerun can need any more; returns how many.

    A record is made while its task runs, so it is younger than its task. Every record older
    than the oldest task that may still run again (waiting, running, or cut off by the database
    and due to be queued again) belongs to a task that never runs again."""
    oldest = oldest_task_that_may_run_again() or timezone.now()
    deleted, _ = SentEmail.objects.filter(sent_at__lt=oldest - CLOCK_MARGIN).delete()
    return deleted
