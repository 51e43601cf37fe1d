"""A newcomer's first visit, in a real browser: sign up, post two chapters, read, meet the interstitial."""

import re

import pytest
from django.core import mail

from tests.browser.conftest import fill_required_work_fields, screenshot
from tests.factories import WorkFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
PASSWORD = "silver-kettle-morning-88"


def sign_up_and_confirm(page) -> None:
    page.goto("/")
    page.get_by_role("link", name="Sign Up").click()
    page.get_by_label("User name").fill("browser_writer")
    page.get_by_label("Email").fill("browser@example.org")
    page.get_by_label("Password:", exact=True).fill(PASSWORD)
    page.get_by_label("Password confirmation").fill(PASSWORD)
    page.get_by_label("I am at least 13 years old.").check()
    page.get_by_label("I have read and agree to the Terms of Service.").check()
    page.get_by_role("button", name="Create Account").click()
    page.get_by_text("We sent a confirmation link").wait_for()
    link = re.search(r"https?://\S+", mail.outbox[-1].body).group(0)
    page.goto(link)
    page.get_by_text("Your email address is confirmed").wait_for()


def post_first_chapter(page) -> None:
    page.get_by_role("link", name="Post New Work").first.click()
    fill_required_work_fields(
        page,
        "Boats on a Bright Morning",
        "Mole woke early.\n\nThe river was bright and calm.",
        fandom="The Wind in the Willows - Kenneth Grahame",
    )
    page.get_by_label("Gen").check()
    page.get_by_label("Characters").fill("Mole, Ratty")
    page.get_by_label("Chapters expected").fill("2")
    page.get_by_role("button", name="Post", exact=True).click()
    page.get_by_text("Work was successfully posted.").wait_for()


def add_second_chapter(page) -> None:
    page.get_by_role("link", name="Add Chapter").click()
    page.get_by_label("Chapter title").fill("Homeward")
    page.get_by_label("Chapter text").fill("They rowed home as the lamps came on.")
    page.get_by_role("button", name="Post", exact=True).click()
    page.get_by_text("Chapter was successfully posted.").wait_for()


def test_sign_up_post_two_chapters_and_read_them(page):
    sign_up_and_confirm(page)
    post_first_chapter(page)
    add_second_chapter(page)
    assert page.locator("dd.chapters").inner_text() == "2/2"
    assert page.locator("dt.status").inner_text() == "Completed:"

    page.get_by_role("link", name="← Previous Chapter").first.click()
    assert "The river was bright and calm." in page.locator("#chapters").inner_text()
    page.get_by_role("link", name="Next Chapter →").first.click()
    assert "They rowed home as the lamps came on." in page.locator("#chapters").inner_text()
    page.get_by_role("link", name="Entire Work").click()
    text = page.locator("#chapters").inner_text()
    assert "Mole woke early." in text and "They rowed home" in text
    screenshot(page, "journey-entire-work")

    page.get_by_role("link", name="Browse Works").click()
    assert page.get_by_role("link", name="Boats on a Bright Morning").is_visible()


def test_guest_meets_the_adult_interstitial_and_proceeds(page):
    work = WorkFactory(
        title="A Mature Tale", rating="Mature", body="<p>Grown-up themes, gently told.</p>"
    )
    page.goto(work.get_absolute_url())
    assert page.get_by_text("This work could have adult content.").is_visible()
    assert "Grown-up themes" not in page.content()
    screenshot(page, "journey-interstitial")
    page.get_by_role("link", name="Proceed").click()
    assert "Grown-up themes, gently told." in page.locator("#chapters").inner_text()
    page.goto(work.get_absolute_url())  # remembered for the session
    assert "Grown-up themes" in page.content()
