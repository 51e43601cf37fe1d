"""A gift exchange in a real browser: a maintainer makes an unrevealed anonymous collection,
a creator posts a gift to it, the maintainer approves and reveals, the recipient sees it."""

import pytest

from fanfold.collections.models import CollectionItem
from fanfold.works.models import Work
from tests.browser.conftest import fill_required_work_fields, screenshot, sign_in
from tests.factories import UserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def sign_out(page) -> None:
    page.context.clear_cookies()


def test_unrevealed_anonymous_gift_exchange_from_creation_to_reveal(page, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    for name in ("keeper", "giver", "receiver"):
        UserFactory(username=name)

    sign_in(page, "keeper")
    page.goto("/collections/new")
    page.get_by_label("Name:", exact=True).fill("Frost_Fair")
    page.get_by_label("Display title").fill("Frost Fair")
    page.get_by_label("This collection is moderated").check()
    page.get_by_label("This collection is unrevealed").check()
    page.get_by_label("This collection is anonymous").check()
    page.get_by_role("button", name="Submit").click()
    page.get_by_text("Collection was successfully created.").wait_for()
    sign_out(page)

    sign_in(page, "giver")
    page.goto("/works/new")
    fill_required_work_fields(
        page, "Skating at Midnight", "The river froze and the fair came to town."
    )
    page.get_by_label("Post to Collections / Challenges").fill("Frost_Fair")
    page.get_by_label("Gift this work to").fill("receiver")
    page.get_by_role("button", name="Post", exact=True).click()
    page.get_by_text("Work was successfully posted.").wait_for()
    page.get_by_text("readers see only “Mystery Work”").wait_for()
    work = Work.objects.get(title="Skating at Midnight")
    sign_out(page)

    page.goto(work.get_absolute_url())
    page.get_by_role("heading", name="Mystery Work").wait_for()
    assert "Skating at Midnight" not in page.content()

    sign_in(page, "keeper")
    page.goto("/collections/Frost_Fair")
    page.get_by_role("link", name="Manage Items").click()
    page.get_by_role("link", name="Skating at Midnight").wait_for()
    screenshot(page, "collection-items-queue")
    page.get_by_role("button", name="Approve").click()
    page.get_by_text("Item was successfully approved.").wait_for()
    assert CollectionItem.objects.get().approved
    page.goto("/collections/Frost_Fair")
    page.get_by_role("button", name="Reveal Works").click()
    page.get_by_text("1 work was revealed.").wait_for()
    page.get_by_role("button", name="Reveal Creators").click()
    page.get_by_text("The creator of 1 work was revealed.").wait_for()
    sign_out(page)

    sign_in(page, "receiver")
    page.goto("/users/receiver/gifts")
    page.get_by_role("link", name="Skating at Midnight").click()
    page.locator("ul.associations", has_text="For receiver.").wait_for()
    page.locator("dd.collections", has_text="Frost Fair").wait_for()
    page.locator("h3.byline a[rel=author]", has_text="giver").wait_for()
    screenshot(page, "collection-revealed-gift")
