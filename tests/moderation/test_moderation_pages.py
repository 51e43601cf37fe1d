"""What moderators read and follow: links that still work after hiding, the e-mail the author
is promised, a log of sentences with links, reports without a preselected reason, wrangling counts."""

from django.urls import reverse
from lxml import html

from fanfold.moderation.models import AbuseReport
from tests.factories import WorkFactory
from tests.feedback.test_subscriptions_and_email import smtp  # noqa: F401 - the SMTP sink fixture


def hide(client, work, note: str = "under review") -> None:
    client.post(reverse("moderation:work", args=[work.pk]), {"action": "hide", "note": note})


def test_moderators_still_open_a_work_they_hid_and_see_a_banner(author, moderator_client, guest):
    work = WorkFactory(author=author, title="Watch Sale")
    hide(moderator_client, work)
    page = moderator_client.get(work.get_absolute_url())
    assert page.status_code == 200
    assert "Hidden by an admin" in page.content.decode()
    assert guest.get(work.get_absolute_url()).status_code == 404


def test_the_author_of_a_hidden_work_really_gets_the_email_they_are_told_to_check(
    smtp,  # noqa: F811
    author,
    author_client,
    moderator_client,
):
    work = WorkFactory(author=author, title="Watch Sale")
    hide(moderator_client, work, note="Please remove the shop links.")
    assert "Please check your email" in author_client.get(work.get_absolute_url()).content.decode()
    [message] = smtp.messages
    assert message["To"] == author.email
    text = message.get_payload(decode=True).decode()
    assert "Watch Sale" in text and "Please remove the shop links." in text
    assert f"/works/{work.pk}" in text


def test_the_audit_log_reads_as_sentences_linking_what_was_acted_on(
    author, moderator_client, guest
):
    work = WorkFactory(author=author, title="Watch Sale")
    hide(moderator_client, work)
    guest.post(
        reverse("moderation:report_new"),
        {"url": work.get_absolute_url(), "reason": "spam", "details": "Watches."},
    )
    filed = AbuseReport.objects.get()
    moderator_client.post(
        reverse("moderation:report", args=[filed.pk]), {"status": "resolved", "note": "hidden"}
    )
    page = html.fromstring(moderator_client.get(reverse("moderation:log")).content)
    rows = [row.xpath("td")[1] for row in page.xpath("//table[@class='listing']/tbody/tr")]
    assert [row.text_content() for row in rows] == [
        f"moderator closed the report as resolved: report {filed.pk} on /works/{work.pk}.",
        "moderator hid work: Watch Sale.",
    ]
    assert [row.xpath("a/@href")[0] for row in rows] == [
        reverse("moderation:report", args=[filed.pk]),
        reverse("moderation:work", args=[work.pk]),
    ]


def test_the_report_page_links_the_moderation_page_of_what_was_reported(
    work, guest, moderator_client
):
    guest.post(
        reverse("moderation:report_new"),
        {"url": work.get_absolute_url(), "reason": "spam", "details": "Watches."},
    )
    page = html.fromstring(
        moderator_client.get(
            reverse("moderation:report", args=[AbuseReport.objects.get().pk])
        ).content
    )
    assert page.xpath("//a[.='its moderation page']/@href") == [
        reverse("moderation:work", args=[work.pk])
    ]


def test_a_report_needs_a_reason_chosen_by_the_reporter(work, guest):
    form = html.fromstring(guest.get(reverse("moderation:report_new")).content)
    options = form.xpath("//select[@name='reason']/option")
    assert options[0].text == "Choose a reason" and options[0].get("value") == ""
    assert form.xpath("//select[@name='reason']/option[@selected]/@value") == [""]
    response = guest.post(
        reverse("moderation:report_new"), {"url": work.get_absolute_url(), "details": "Watches."}
    )
    assert "Choose a reason." in response.content.decode()
    assert not AbuseReport.objects.exists()


def test_the_wrangling_table_counts_uses_and_links_tag_pages(author, wrangler_client):
    WorkFactory(author=author, freeforms=("Harbour Lights",))
    WorkFactory(author=author, freeforms=("Harbour Lights",))
    page = html.fromstring(wrangler_client.get(reverse("tags:wrangle")).content)
    row = page.xpath("//tr[.//label[.='Harbour Lights']]")[0]
    assert row.xpath("td[@class='uses']")[0].text == "2"
    assert row.xpath(".//label/a/@href") == [reverse("tags:show", args=["Harbour Lights"])]
