"""Active filters above the results, the phone's Filters button, skip links and where focus lands."""

import pytest

from tests.browser.conftest import screenshot
from tests.factories import WorkFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _corpus() -> None:
    WorkFactory(title="Rainy Day Letters", freeforms=("Rain", "Letters"))
    WorkFactory(title="Sunny Letters", freeforms=("Letters",))
    WorkFactory(title="Unrelated Story", freeforms=("Snow",))


def _chips(page) -> list[str]:
    return [
        " ".join(text.split()) for text in page.locator(".active-filters li a").all_inner_texts()
    ]


def _focused_id(page) -> str:
    return page.evaluate("document.activeElement && document.activeElement.id")


def test_each_active_filter_is_removed_by_one_link_and_focus_lands_on_the_results(page):
    _corpus()
    page.goto("/works")
    page.locator("fieldset.include").get_by_text("Additional Tags").click()
    page.locator("fieldset.include").get_by_label("Letters (2)").check()
    page.get_by_label("Other tags to exclude").fill("Rain")
    page.get_by_role("button", name="Sort and Filter").first.click()
    assert _focused_id(page) == "results"  # after filtering, the keyboard starts at the results
    assert _chips(page) == [
        "Remove filter: Letters ×",
        "Remove filter: Not Rain ×",
        "Clear all filters",
    ]
    screenshot(page, "active-filters-desktop")
    page.get_by_role("link", name="Remove filter: Not Rain").click()
    assert page.get_by_role("link", name="Rainy Day Letters").is_visible()
    assert _chips(page) == [
        "Remove filter: Letters ×",
        "Clear all filters",
    ]
    assert _focused_id(page) == "results"
    page.get_by_role("link", name="Clear all filters").click()
    assert page.locator(".active-filters").count() == 0
    assert page.get_by_role("link", name="Unrelated Story").is_visible()


def test_keyboard_reaches_the_filters_in_two_tab_presses(page):
    _corpus()
    page.goto("/works?work_search[complete]=T")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to main content"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to filters"
    page.keyboard.press("Enter")
    assert _focused_id(page) == "work-filters"
    page.keyboard.press("Tab")  # the next stop is the filter form's first control
    assert page.evaluate("document.activeElement.textContent") == "Sort and Filter"


def test_skip_to_main_content_moves_focus_past_the_header(page):
    page.goto("/works")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert _focused_id(page) == "main"


def test_on_a_phone_the_filters_button_at_the_top_opens_the_sidebar(browser, live_server):
    _corpus()
    context = browser.new_context(base_url=live_server.url, viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto("/works?work_search[complete]=T")
    button = page.get_by_role("link", name="Filters (1)")
    assert button.is_visible()
    assert button.bounding_box()["y"] < 400  # at the top, not 8,000 px down
    sidebar = page.locator("#work-filters")
    assert sidebar.bounding_box()["y"] > 844  # the sidebar itself is below the results
    button.click()
    assert _focused_id(page) == "work-filters"
    top = page.evaluate("document.getElementById('work-filters').getBoundingClientRect().top")
    assert -1 < top < 100  # scrolled into view
    screenshot(page, "active-filters-phone")
    context.close()
