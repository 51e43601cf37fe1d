"""A reader leaves kudos, comments, bookmarks and marks a work for later, in a real browser."""

import pytest
from django.contrib.auth import get_user_model

from tests.browser.conftest import screenshot
from tests.factories import PASSWORD, UserFactory, WorkFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_reader_gives_feedback(page, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    author = UserFactory(username="writer")
    UserFactory(username="reader")
    work = WorkFactory(author=author, title="The Quiet Hour", body="<p>The clocks disagreed.</p>")
    page.goto("/users/login")
    page.get_by_label("User name").fill("reader")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log In").click()
    page.goto(work.get_absolute_url())
    page.get_by_role("button", name="Kudos ♥").click()
    page.get_by_text("Thank you for leaving kudos!").wait_for()
    assert "reader left kudos on this work!" in page.locator("#kudos").inner_text()
    page.get_by_label("Comment").fill("The clocks line made me smile.")
    page.get_by_role("button", name="Comment", exact=True).click()
    page.get_by_text("Comment created!").wait_for()
    assert "The clocks line made me smile." in page.locator("#comments").inner_text()
    page.locator("select[name=shelf]").select_option("want")
    page.get_by_role("button", name="Shelve").click()
    page.get_by_text("is now on: Want to read.").wait_for()
    # AO3's in-page form, hidden until the Bookmark link targets it (CSS, no script).
    assert page.locator("#bookmark-form").is_hidden()
    page.get_by_role("link", name="Bookmark", exact=True).click()
    assert page.url.endswith("#bookmark-form") and page.locator("#bookmark-form").is_visible()
    page.get_by_label("Notes").fill("Read again in winter.")
    page.get_by_role("button", name="Create").click()
    page.get_by_text("Bookmark was successfully saved.").wait_for()
    assert "Read again in winter." in page.content()
    screenshot(page, "feedback-bookmarks")
    assert get_user_model().objects.get(username="writer").inbox.count() == 1
