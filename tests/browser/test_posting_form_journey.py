"""The posting form in a real browser: Enter never posts, Preview, tag suggestions."""

import pytest

from fanfold.works.models import Work
from tests.browser.conftest import fill_required_work_fields, screenshot, sign_in
from tests.factories import UserFactory, WorkFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def screenshots(page, name: str) -> None:
    """Desktop and phone screenshots of the page now shown, for the review."""
    for size, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
        page.set_viewport_size(viewport)
        screenshot(page, f"{name}-{size}")
    page.set_viewport_size(DESKTOP)


def fill_work(page) -> None:
    page.get_by_role("link", name="Post New Work").first.click()
    fill_required_work_fields(
        page, "Lanterns on the Pier", "The harbour lamps were lit one by one."
    )
    page.get_by_label("Chapters expected").fill("2")


def test_enter_in_a_tag_field_previews_the_work_instead_of_posting_it(page):
    UserFactory(username="writer")
    sign_in(page, "writer")
    fill_work(page)
    assert page.locator("button[name=preview]:visible").count() == 1  # the default stays hidden
    screenshots(page, "posting-form")
    page.get_by_label("Additional Tags").fill("Harbours")
    page.get_by_label("Additional Tags").press("Enter")
    page.get_by_text("This is a preview of how readers will see your work.").wait_for()
    assert Work.objects.get().posted is False
    assert page.locator("dd.words").inner_text() == "8"
    assert page.locator("dd.chapters").inner_text() == "1/2"
    assert page.get_by_role("link", name="Edit", exact=True).count() == 1
    assert page.get_by_role("button", name="Post", exact=True).count() == 1
    screenshots(page, "posting-preview")
    page.get_by_role("button", name="Post", exact=True).click()
    page.get_by_text("Work was successfully posted.").wait_for()
    assert Work.objects.get().posted is True


def test_tag_suggestions_complete_only_the_last_tag_typed(page):
    author = UserFactory(username="writer")
    WorkFactory(author=author, freeforms=("Tea Parties",))
    sign_in(page, "writer")
    page.goto("/works/new")
    field = page.get_by_label("Additional Tags")
    field.fill("Rain, tea")
    options = page.locator("datalist#id_freeforms-suggestions option")
    options.first.wait_for(state="attached")
    assert options.evaluate_all("os => os.map(o => o.value)") == ["Tea Parties"]
    # What Chromium does when a reader picks a suggestion from the list.
    field.evaluate(
        """input => { input.value = "Tea Parties";
        input.dispatchEvent(new InputEvent("input", {inputType: "insertReplacementText"})); }"""
    )
    assert field.input_value() == "Rain, Tea Parties"
