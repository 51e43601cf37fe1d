"""A reader narrows the works list with the sidebar, in a real browser, without JavaScript needs."""

import pytest

from tests.browser.conftest import screenshot
from tests.factories import WorkFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_reader_filters_by_a_facet_and_excludes_a_tag(page):
    WorkFactory(title="Rainy Day Letters", freeforms=("Rain", "Letters"))
    WorkFactory(title="Sunny Letters", freeforms=("Letters",))
    WorkFactory(title="Unrelated Story", freeforms=("Snow",))
    page.goto("/works")
    assert page.locator("h2.heading").first.inner_text().startswith("1 – 3 of 3 Works")
    include = page.locator("fieldset.include")
    include.get_by_text("Additional Tags").click()
    include.get_by_label("Letters (2)").check()
    page.get_by_label("Other tags to exclude").fill("Rain")
    page.get_by_role("button", name="Sort and Filter").first.click()
    assert page.locator("h2.heading").first.inner_text().startswith("1 – 1 of 1 Works")
    assert page.get_by_role("link", name="Sunny Letters").is_visible()
    assert "excluded_tag_names" in page.url  # the filter is a shareable URL
    screenshot(page, "filter-sidebar")
