"""Subscriptions and notification emails, delivered to a real SMTP server on localhost."""

import re
import socket
from email import message_from_bytes

import pytest
from aiosmtpd.controller import Controller
from django.test import Client
from django.urls import reverse

from fanfold.feedback import comments, notifications
from fanfold.feedback.kudos import leave_kudos
from fanfold.feedback.models import Notice, Subscription
from fanfold.series.placement import SeriesPlacement, place_work_in_series
from fanfold.works.chapters import add_chapter
from fanfold.works.models import Chapter
from fanfold.works.posting import TagChoices, post_draft, save_work
from tests.factories import UserFactory, WorkFactory


class Sink:
    def __init__(self) -> None:
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(message_from_bytes(envelope.content))
        return "250 OK"


@pytest.fixture
def smtp(settings):
    """An SMTP server on a free loopback port; Django sends real SMTP to it."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    sink = Sink()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    yield sink
    controller.stop()


@pytest.fixture
def run_after_commit(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


def subject(message) -> str:
    return " ".join(message["Subject"].split())  # long headers arrive folded


def body(message) -> str:
    return message.get_payload(decode=True).decode()


def test_work_subscriber_gets_new_chapters_by_email_and_can_unsubscribe_in_one_click(
    smtp, author, outsider, outsider_client, run_after_commit
):
    work = WorkFactory(author=author, title="Serial Story", expected_chapters=3)
    outsider_client.post(reverse("feedback:subscribe"), {"type": "work", "id": work.pk})
    assert Subscription.objects.filter(user=outsider, work=work).exists()
    with run_after_commit():
        add_chapter(work, Chapter(title="The Next Part", body="<p>more</p>"), post=True)
    [message] = smtp.messages
    assert message["To"] == outsider.email
    assert "New chapter of Serial Story: Chapter 2: The Next Part" in subject(message)
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    link = re.search(r"<(http[^>]+)>", message["List-Unsubscribe"]).group(1)
    assert link in body(message)
    Client().post(link.replace("http://127.0.0.1:8000", ""))  # one click, no login, no CSRF token
    assert not Subscription.objects.exists()


def test_series_and_creator_subscribers_hear_of_new_works(smtp, author, run_after_commit):
    series_fan, creator_fan = (
        UserFactory(username="series_fan"),
        UserFactory(username="creator_fan"),
    )
    first = WorkFactory(author=author)
    series = place_work_in_series(first, [author.default_pseud], SeriesPlacement(new_title="Saga"))
    Subscription.objects.create(user=series_fan, series=series)
    Subscription.objects.create(user=creator_fan, creator=author)
    draft = WorkFactory(author=author, title="Part Two", posted=False)
    place_work_in_series(draft, [author.default_pseud], SeriesPlacement(series=series))
    with run_after_commit():
        post_draft(draft)
    assert sorted(m["To"] for m in smtp.messages) == [creator_fan.email, series_fan.email]
    assert all("New work: Part Two" in subject(m) for m in smtp.messages)


def test_anonymous_works_are_not_announced_to_creator_subscribers(smtp, author, run_after_commit):
    Subscription.objects.create(user=UserFactory(), creator=author)
    with run_after_commit():
        WorkFactory(author=author, anonymous=True)
    assert smtp.messages == []


def test_daily_digest_collects_updates_into_one_email(smtp, author, outsider, run_after_commit):
    outsider.preference.daily_digest = True
    outsider.preference.save()
    work = WorkFactory(author=author, title="Digest Me", expected_chapters=None)
    Subscription.objects.create(user=outsider, work=work)
    with run_after_commit():
        add_chapter(work, Chapter(body="<p>two</p>"), post=True)
        add_chapter(work, Chapter(body="<p>three</p>"), post=True)
    assert smtp.messages == [] and Notice.objects.count() == 2
    assert notifications.send_digests.call() == 1
    [digest] = smtp.messages
    assert "2 updates" in subject(digest) and body(digest).count("New chapter of Digest Me") == 2
    assert not Notice.objects.exists()


def test_kudos_and_comment_emails_follow_preferences(
    smtp, work, author, outsider, run_after_commit
):
    with run_after_commit():
        leave_kudos(work, outsider, "", "")
        comments.post_comment(work, outsider, "<p>Lovely!</p>", ip="")
    subjects = sorted(subject(m) for m in smtp.messages)
    assert subjects == [
        "[Fanfold Archive] Comment on The Lighthouse Ledger",
        "[Fanfold Archive] Kudos on The Lighthouse Ledger",
    ]
    author.preference.email_on_kudos = author.preference.email_on_comments = False
    author.preference.save()
    smtp.messages.clear()
    with run_after_commit():
        leave_kudos(work, UserFactory(), "", "")
        comments.post_comment(work, outsider, "<p>Again!</p>", ip="")
    assert smtp.messages == []


def test_subscriptions_page_lists_and_unsubscribes(work, outsider, outsider_client):
    subscription = Subscription.objects.create(user=outsider, work=work)
    page = outsider_client.get(
        reverse("feedback:subscriptions", args=["outsider"])
    ).content.decode()
    assert "The Lighthouse Ledger</a> (work)" in page
    outsider_client.post(
        reverse("feedback:subscriptions", args=["outsider"]), {"subscription": subscription.pk}
    )
    assert not Subscription.objects.exists()


def test_subscribe_never_redirects_off_site(work, outsider_client):
    response = outsider_client.post(
        reverse("feedback:subscribe"), {"type": "work", "id": work.pk, "next": "//evil.example/"}
    )
    assert response.url == reverse("feedback:subscriptions", args=["outsider"])


def test_unrevealed_works_are_announced_when_revealed(smtp, author, run_after_commit):
    fan = UserFactory(username="creator_fan")
    Subscription.objects.create(user=fan, creator=author)
    with run_after_commit():
        work = WorkFactory(author=author, title="Gift Fic", unrevealed=True)
    assert smtp.messages == []
    work.unrevealed = False
    with run_after_commit():
        save_work(work, pseuds=[author.default_pseud], tags=TagChoices(
            rating="General Audiences", warnings=["No Archive Warnings Apply"],
            fandoms=["Test Fandom"]), post=True)  # fmt: skip
    assert [m["To"] for m in smtp.messages] == [fan.email]
    assert "New work: Gift Fic" in subject(smtp.messages[0])


def test_comment_email_text_part_has_no_tags_and_the_html_is_the_alternative(
    smtp, work, outsider, run_after_commit
):
    with run_after_commit():
        comments.post_comment(
            work, outsider, "<p>Lovely <em>lamps</em> &amp; boats!</p><p>More, please.</p>", ip=""
        )
    [message] = smtp.messages
    assert message.get_content_type() == "multipart/alternative"
    text, rich = message.get_payload()
    assert text.get_content_type() == "text/plain" and rich.get_content_type() == "text/html"
    plain = text.get_payload(decode=True).decode().replace("\r\n", "\n")  # SMTP line ends
    assert "Lovely lamps & boats!\n\nMore, please." in plain
    assert "<" not in plain
    assert "<em>lamps</em>" in rich.get_payload(decode=True).decode()
