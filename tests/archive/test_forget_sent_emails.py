"""The records of e-mails sent by tasks are kept while a task that may run again could need
them, then forgotten once a day by the e-mail backend itself."""

import datetime

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.mail import EmailMessage
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from fanfold.archive.mail import forget_sent_emails
from fanfold.archive.models import SentEmail
from fanfold.archive.taskqueue import current_task_id
from fanfold.search.tasks import rederive_filter_tags

NOW = timezone.now()


def days_ago(days: float) -> datetime.datetime:
    return NOW - datetime.timedelta(days=days)


@pytest.fixture
def task(settings, db):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

    def make(status: str, enqueued: float, exception: str = "", finished: float = 0):
        result = DBTaskResult.objects.get(pk=rederive_filter_tags.enqueue([1]).id)
        DBTaskResult.objects.filter(pk=result.pk).update(
            status=status,
            enqueued_at=days_ago(enqueued),
            exception_class_path=exception,
            finished_at=days_ago(finished) if status == "FAILED" else None,
        )

    return make


def record_sent(name: str, days: float) -> None:
    SentEmail.objects.create(key=name)
    SentEmail.objects.filter(key=name).update(sent_at=days_ago(days))


def kept() -> set[str]:
    return set(SentEmail.objects.values_list("key", flat=True))


def records_sent_over_a_week() -> None:
    for days in (7, 5, 3, 1, 0.5):
        record_sent(f"{days} days", days)


def test_with_no_task_that_may_run_again_records_older_than_an_hour_are_forgotten(task):
    task("SUCCESSFUL", enqueued=6)
    task("FAILED", enqueued=6, exception="builtins.ValueError", finished=0.2)
    records_sent_over_a_week()
    record_sent("just now", 0)
    assert forget_sent_emails() == 5
    assert kept() == {"just now"}


def test_a_task_still_running_keeps_every_record_from_an_hour_before_it_was_queued(task):
    task("RUNNING", enqueued=4)
    records_sent_over_a_week()
    forget_sent_emails()
    assert kept() == {"3 days", "1 days", "0.5 days"}


def test_a_waiting_task_keeps_the_records_younger_than_it(task):
    task("READY", enqueued=2)
    records_sent_over_a_week()
    forget_sent_emails()
    assert kept() == {"1 days", "0.5 days"}


def test_a_task_cut_off_by_the_database_today_keeps_its_records_as_it_is_queued_again(task):
    task("FAILED", enqueued=6, exception="django.db.utils.OperationalError", finished=0.5)
    records_sent_over_a_week()
    forget_sent_emails()
    assert kept() == {"5 days", "3 days", "1 days", "0.5 days"}


def test_a_task_cut_off_by_the_database_days_ago_is_not_queued_again_nor_keeps_records(task):
    task("FAILED", enqueued=6, exception="django.db.utils.OperationalError", finished=2)
    records_sent_over_a_week()
    forget_sent_emails()
    assert kept() == set()


def test_the_backend_forgets_old_records_once_a_day_when_a_task_sends(task, settings):
    settings.EMAIL_BACKEND = "fanfold.archive.mail.SentOnceFromTasks"
    settings.FANFOLD_EMAIL_DELIVERY = "django.core.mail.backends.locmem.EmailBackend"
    cache.delete("fanfold:forget-sent-emails")
    record_sent("last week", 7)
    token = current_task_id.set("a-running-task")
    try:
        EmailMessage("First", "Body", to=["reader@example.org"]).send()
        assert len(kept()) == 1  # last week's record forgotten, this one kept
        record_sent("old again", 7)
        EmailMessage("Second", "Body", to=["reader@example.org"]).send()
    finally:
        current_task_id.reset(token)
    assert "old again" in kept()  # not twice in a day
    assert len(mail.outbox) == 2
