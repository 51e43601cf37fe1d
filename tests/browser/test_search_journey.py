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
