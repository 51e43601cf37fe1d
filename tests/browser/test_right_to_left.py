"""Arabic mirrors the layout: the filter sidebar and the blurb's date change sides."""

import pytest

from tests.browser.conftest import screenshot
from tests.factories import WorkFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _listing(browser, live_server, language: str):
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 1280, "height": 900}, locale=language
    )
    page = context.new_page()
    page.goto("/works")
    return context, page


def _x(page, selector: str) -> float:
    return page.locator(selector).first.bounding_box()["x"]


def test_arabic_mirrors_the_listing_and_english_does_not(browser, live_server):
    WorkFactory(title="Lanterns")
    context, english = _listing(browser, live_server, "en-GB")
    assert _x(english, "#work-filters") > _x(english, "#results")
    assert _x(english, "li.blurb p.datetime") > _x(english, "li.blurb h4.heading")
    context.close()
    context, arabic = _listing(browser, live_server, "ar")
    assert arabic.locator("html").get_attribute("dir") == "rtl"
    assert _x(arabic, "#work-filters") < _x(arabic, "#results")
    assert _x(arabic, "li.blurb p.datetime") < _x(arabic, "li.blurb h4.heading a").__float__()
    # Nothing pushes the page sideways (hidden landmarks used to sit at left: -9999px).
    assert arabic.evaluate("document.documentElement.scrollWidth") <= 1280
    screenshot(arabic, "works-listing-arabic-desktop")
    context.close()
