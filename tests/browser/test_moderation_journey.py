"""A guest reports a work, a moderator hides it from the queue; a reader switches to the dark skin."""

import pytest
from django.contrib.auth.models import Permission

from fanfold.moderation.models import AuditEntry
from tests.browser.conftest import screenshot, sign_in
from tests.factories import UserFactory, WorkFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_report_to_moderator_to_hidden_work(page, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    work = WorkFactory(author=UserFactory(username="seller"), title="Cheap Watches Here")
    # The permission, not the group: a transactional test elsewhere may have flushed groups.
    moderate = Permission.objects.get(codename="moderate", content_type__app_label="moderation")
    UserFactory(username="watcher").user_permissions.add(moderate)
    page.goto(work.get_absolute_url())
    page.get_by_role("link", name="Report abuse on this page").click()
    page.get_by_label("What is wrong?").select_option("spam")
    page.get_by_label("Details").fill("This is an advert, not a story.")
    page.get_by_role("button", name="Send report").click()
    page.get_by_text("is in the moderators' queue").wait_for()
    sign_in(page, "watcher")
    page.get_by_role("link", name="Moderate").click()
    page.get_by_role("link", name=work.get_absolute_url()).wait_for()
    screenshot(page, "moderation-queue")
    page.goto(work.get_absolute_url())
    page.get_by_role("link", name="Moderate").last.click()
    page.get_by_label("Mark as spam (hides it)").check()
    page.get_by_label("Note for the audit log").fill("advert")
    page.get_by_role("button", name="Do it").click()
    page.get_by_text("watcher marked work as spam").wait_for()
    assert AuditEntry.objects.get().action == "mark work as spam"
    page.goto(work.get_absolute_url())  # the moderator's own link still works, with a banner
    page.get_by_text("Hidden by an admin").wait_for()
    screenshot(page, "moderation-hidden-work")
    page.goto("/moderation/log")
    page.get_by_role("link", name="Cheap Watches Here").wait_for()
    screenshot(page, "moderation-log")
    guest = page.context.browser.new_page(base_url=page.url.split("/moderation")[0])
    assert guest.goto(work.get_absolute_url()).status == 404
    guest.close()


def test_reader_switches_to_the_dark_skin(page, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    WorkFactory(author=UserFactory(username="writer"), title="Night Garden")
    UserFactory(username="owl")
    sign_in(page, "owl")
    page.get_by_role("link", name="Preferences").click()
    page.get_by_label("Dark").check()
    page.get_by_role("button", name="Update").click()
    page.goto("/works")
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(28, 27, 26)"
    screenshot(page, "skin-dark")
