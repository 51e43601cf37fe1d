"""Abuse reports, the moderators' queue, sanctions and content actions, all in the audit log."""

import datetime

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from fanfold.feedback import comments
from fanfold.moderation.models import AbuseReport, AuditEntry, Sanction, SiteSettings
from fanfold.works.models import Work
from tests.conftest import signed_in
from tests.factories import PASSWORD, WorkFactory

REPORT_URL = reverse("moderation:report_new")


def report(client: Client, url: str, **extra):
    form = {"url": url, "reason": "spam", "details": "It sells watches.", **extra}
    return client.post(REPORT_URL, form)


def test_guest_reports_a_work_with_an_optional_email_and_it_reaches_the_queue(
    work, guest, moderator_client
):
    response = report(guest, work.get_absolute_url(), email="reader@example.org")
    assert "is in the moderators' queue" in response.content.decode()
    filed = AbuseReport.objects.get()
    assert (filed.target_kind, filed.reporter_email) == ("work", "reader@example.org")
    queue = moderator_client.get(reverse("moderation:queue")).content.decode()
    assert work.get_absolute_url() in queue and "Spam or commercial content" in queue


@pytest.mark.parametrize(
    ("url", "kind"),
    [
        ("/users/author", "user"),
        ("/users/author/pseuds/author", "user"),
        ("/users/author/bookmarks", "bookmark"),
    ],
)
def test_users_and_bookmarks_can_be_reported(author, outsider_client, url, kind):
    report(outsider_client, url)
    assert AbuseReport.objects.get().target_kind == kind


def test_comments_can_be_reported(work, outsider, outsider_client):
    comment = comments.post_comment(work, outsider, "<p>rude</p>", ip="")
    report(outsider_client, comment.get_absolute_url())
    assert AbuseReport.objects.get().target_kind == "comment"


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("https://elsewhere.example/works/1", "a page on this archive"),
        ("//elsewhere.example/x", "a page on this archive"),
        ("/no/such/page", "There is no page at that address"),
        ("/works", "Only works, comments, users and bookmarks"),
    ],
)
def test_reports_about_other_pages_are_refused_and_keep_the_text(db, guest, url, message):
    page = report(guest, url, details="my careful words").content.decode()
    assert message in page and "my careful words" in page
    assert not AbuseReport.objects.exists()


def test_one_page_collects_at_most_the_capped_number_of_open_reports(settings, work, guest):
    settings.ABUSE_REPORTS_PER_URL = 2
    for _ in range(2):
        report(guest, work.get_absolute_url())
    page = report(guest, work.get_absolute_url()).content.decode()
    assert "already been reported several times" in page
    assert AbuseReport.objects.count() == 2


def test_outsiders_and_support_cannot_open_the_moderation_pages(work, outsider_client, supporter):
    support = signed_in(supporter)
    for name, args in [("queue", []), ("log", []), ("work", [work.pk]), ("user", ["author"])]:
        assert outsider_client.get(reverse(f"moderation:{name}", args=args)).status_code == 403
        assert support.get(reverse(f"moderation:{name}", args=args)).status_code == 403
    assert outsider_client.get(reverse("moderation:invitations")).status_code == 403
    assert support.get(reverse("moderation:invitations")).status_code == 200


def test_moderator_closes_a_report_and_it_is_audited(work, guest, moderator, moderator_client):
    report(guest, work.get_absolute_url())
    filed = AbuseReport.objects.get()
    moderator_client.post(
        reverse("moderation:report", args=[filed.pk]), {"status": "dismissed", "note": "fine"}
    )
    filed.refresh_from_db()
    assert (filed.status, filed.handled_by) == ("dismissed", moderator)
    entry = AuditEntry.objects.get()
    assert (entry.actor_name, entry.action, entry.note) == ("moderator", "report dismissed", "fine")


def user_action(client, login: str, **form):
    return client.post(reverse("moderation:user", args=[login]), form)


def test_warning_emails_the_user_and_is_listed(author, moderator_client):
    user_action(moderator_client, "author", action="warn", note="Please tag violence.")
    assert mail.outbox[-1].to == [author.email] and "Please tag violence." in mail.outbox[-1].body
    page = moderator_client.get(reverse("moderation:user", args=["author"])).content.decode()
    assert "Warning" in page and "Please tag violence." in page


def test_suspended_user_can_read_but_not_post_and_it_ends_by_itself(
    work, outsider, outsider_client, moderator_client, time_machine
):
    user_action(moderator_client, "outsider", action="suspend", days="3", note="spam comments")
    assert outsider_client.get(work.get_absolute_url()).status_code == 200
    response = outsider_client.post(
        reverse("feedback:post_comment", args=[work.pk]), {"body": "<p>hi</p>"}
    )
    assert response.status_code == 403 and "Your account is suspended" in response.content.decode()
    assert not work.comments.exists()
    time_machine.move_to(timezone.now() + datetime.timedelta(days=3, minutes=1))
    outsider_client.post(reverse("feedback:post_comment", args=[work.pk]), {"body": "<p>hi</p>"})
    assert work.comments.exists()


def test_suspension_needs_a_number_of_days(outsider, moderator_client):
    page = user_action(moderator_client, "outsider", action="suspend", note="x").content.decode()
    assert "Say how many days" in page
    assert not Sanction.objects.exists()


def test_banned_user_is_signed_out_and_told_at_sign_in(outsider, outsider_client, moderator_client):
    user_action(moderator_client, "outsider", action="ban", note="ban evasion")
    page = outsider_client.get(reverse("archive:home")).content.decode()
    assert "Hi, outsider!" not in page
    form = {"username": "outsider", "password": PASSWORD}
    assert "has been banned" in Client().post(reverse("accounts:login"), form).content.decode()
    user_action(moderator_client, "outsider", action="lift", note="appeal granted")
    outsider.refresh_from_db()
    assert outsider.is_active
    assert list(AuditEntry.objects.values_list("action", flat=True)) == [
        "lift suspension or ban", "ban user",
    ]  # fmt: skip


def test_admins_cannot_be_banned(site_admin, moderator_client):
    user_action(moderator_client, "siteadmin", action="ban", note="x")
    site_admin.refresh_from_db()
    assert site_admin.is_active


def test_moderator_hides_marks_spam_unhides_and_deletes_a_work(author, moderator_client, guest):
    work = WorkFactory(author=author, title="Watch Sale")
    url = reverse("moderation:work", args=[work.pk])
    moderator_client.post(url, {"action": "hide", "note": "under review"})
    assert guest.get(work.get_absolute_url()).status_code == 404
    moderator_client.post(url, {"action": "unhide", "note": "fine after all"})
    assert guest.get(work.get_absolute_url()).status_code == 200
    moderator_client.post(url, {"action": "spam", "note": "watches"})
    assert guest.get(work.get_absolute_url()).status_code == 404
    moderator_client.post(url, {"action": "delete", "note": "spam"})
    assert not Work.objects.filter(pk=work.pk).exists()
    log = moderator_client.get(reverse("moderation:log")).content.decode()
    for sentence in ("hid work", "unhid work", "marked work as spam", "deleted work"):
        assert f"moderator {sentence}" in log
    assert "Watch Sale" in log  # the log keeps the deleted work's title


def test_moderator_deletes_a_comment(work, outsider, moderator_client):
    comment = comments.post_comment(work, outsider, "<p>rude words</p>", ip="")
    moderator_client.post(reverse("moderation:comment", args=[comment.pk]), {"note": "rude"})
    comment.refresh_from_db()
    assert comment.deleted and AuditEntry.objects.get().action == "delete comment"


def test_site_banner_and_downloads_switch(work, guest):
    site = SiteSettings.current()
    site.banner, site.downloads_enabled = "Maintenance tonight at 22:00 UTC.", False
    site.save()
    page = guest.get(work.get_absolute_url()).content.decode()
    assert "Maintenance tonight at 22:00 UTC." in page
    assert "/downloads/" not in page
    download = guest.get(reverse("downloads:work", args=[work.pk, "x", "html"]))
    assert download.status_code == 404


def test_site_settings_changed_in_the_admin_are_audited(site_admin):
    client = signed_in(site_admin)
    SiteSettings.current()
    form = {"registration_mode": "closed", "invitations_per_day": "5", "banner": ""}
    client.post(reverse("admin:moderation_sitesettings_change", args=[1]), form)
    assert SiteSettings.current().registration_mode == "closed"
    entry = AuditEntry.objects.get()
    assert entry.action == "admin: change site settings" and "Registration mode" in entry.note


def test_admin_actions_on_works_and_comments_are_audited(work, outsider, site_admin, guest):
    client = signed_in(site_admin)
    client.post(
        reverse("admin:works_work_changelist"),
        {"action": "hide_works", "_selected_action": [work.pk]},
    )
    assert guest.get(work.get_absolute_url()).status_code == 404
    comment = comments.post_comment(work, outsider, "<p>spam</p>", ip="")
    client.post(
        reverse("admin:feedback_comment_changelist"),
        {"action": "delete_comments", "_selected_action": [comment.pk]},
    )
    comment.refresh_from_db()
    assert comment.deleted
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert actions == {"hide work", "delete comment"}


def test_changes_made_in_the_django_admin_are_in_the_audit_log(site_admin, outsider):
    client = signed_in(site_admin)
    url = reverse("admin:accounts_user_change", args=[outsider.pk])
    form = client.get(url).context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None}
    data.update(
        username="outsider", email="changed@example.org", is_active="on",
        date_joined_0="2026-01-01", date_joined_1="00:00:00",
        **{f"pseuds-{key}": value for key, value in {"TOTAL_FORMS": "0", "INITIAL_FORMS": "0"}.items()},
    )  # fmt: skip
    data.pop("groups", None), data.pop("user_permissions", None), data.pop("last_login", None)
    client.post(url, data)
    entry = AuditEntry.objects.get(action="admin: change user")
    assert entry.actor_name == "siteadmin" and "outsider" in entry.target_label


def test_moderator_gives_invitations_and_it_is_audited(author, moderator_client):
    user_action(moderator_client, "author", action="invite", days="3", note="helps newcomers")
    assert author.invitations.filter(used_by=None).count() == 3
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.note) == ("give 3 invitations", "helps newcomers")
