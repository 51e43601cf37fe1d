"""A reader searches from the header box, refines with AO3's query language, then edits the search."""

import pytest

from tests.browser.conftest import screenshot
from tests.factories import WorkFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_reader_searches_from_the_header_and_refines_the_query(page):
    WorkFactory(title="Lantern Harbour", summary="<p>Boats at night.</p>", rating="Mature")
    WorkFactory(title="Quiet Harbour", summary="<p>A lantern in the window.</p>")
    WorkFactory(title="Unrelated", summary="<p>Snow.</p>")
    page.goto("/")
    page.get_by_label("Work Search:").fill("lantern")
    page.get_by_role("button", name="Search", exact=True).click()
    assert page.locator("h3.heading").first.inner_text() == "2 Found"
    titles = page.locator("li.work.blurb h4.heading a[href^='/works/']").all_inner_texts()
    assert titles == ["Lantern Harbour", "Quiet Harbour"]  # best match: the title first
    page.get_by_label("Search within results").fill('lantern -rating:"Mature"')
    page.get_by_role("button", name="Sort and Filter").first.click()
    assert page.locator("h3.heading").first.inner_text() == "1 Found"
    page.get_by_label("Search within results").fill('lantern "unclosed')
    page.get_by_role("button", name="Sort and Filter").first.click()
    assert "This quote is never closed" in page.locator(".search-errors").inner_text()
    page.get_by_role("link", name="Edit Your Search").click()
    assert page.get_by_label("Any Field").input_value() == 'lantern "unclosed'
    screenshot(page, "works-search")


def test_advanced_search_choices_have_no_bullets_on_a_phone(page):
    WorkFactory(categories=("Gen",))
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/works/search")
    styles = {}
    for kind in ("radio", "checkbox"):
        choices = page.locator("#new_work_search li").filter(
            has=page.locator(f"input[type={kind}]")
        )
        styles[kind] = choices.evaluate_all(
            "lis => lis.map(li => getComputedStyle(li).listStyleType)"
        )
    assert len(styles["radio"]) == 6, styles  # completion and crossovers
    assert styles["checkbox"], styles  # warnings and categories
    assert set(styles["radio"] + styles["checkbox"]) == {"none"}, styles
    screenshot(page, "works-search-form-phone")
