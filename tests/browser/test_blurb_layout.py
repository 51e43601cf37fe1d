"""Work blurbs on a phone and a desktop: the date keeps to itself and to one line."""

import pytest

from tests.browser.conftest import screenshot
from tests.factories import UserFactory, WorkFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


# Whether any line box of the heading's text crosses the date's box.
TEXT_CROSSES_DATE = """([heading, date]) => {
  const range = document.createRange();
  range.selectNodeContents(heading);
  const d = date.getBoundingClientRect();
  return [...range.getClientRects()].some(r =>
    !(r.right <= d.left || d.right <= r.left || r.bottom <= d.top || d.bottom <= r.top));
}"""


@pytest.mark.parametrize(("size", "viewport"), [("phone", (390, 844)), ("desktop", (1280, 900))])
def test_blurb_date_never_overlaps_the_heading_and_stays_on_one_line(page, size, viewport):
    author = UserFactory(username="a_writer_with_a_rather_long_pseud")
    WorkFactory(author=author, title="The Lamplighter of the Long Harbour Road and Other Stories")
    page.set_viewport_size({"width": viewport[0], "height": viewport[1]})
    page.goto("/works")
    blurb = page.locator("li.blurb").first
    date = blurb.locator("p.datetime")
    heading = blurb.locator("h4.heading")
    assert not page.evaluate(TEXT_CROSSES_DATE, [heading.element_handle(), date.element_handle()])
    line_height = date.evaluate("d => parseFloat(getComputedStyle(d).lineHeight) || 20")
    assert date.bounding_box()["height"] < 1.6 * line_height
    screenshot(page, f"works-list-{size}")


def test_required_tags_sit_two_by_two_on_a_phone_each_half_the_blurb_wide(page):
    WorkFactory(
        rating="Teen And Up Audiences",
        warnings=("Choose Not To Use Archive Warnings",),
        categories=("Gen",),
    )
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/works")
    required = page.locator("li.blurb ul.required-tags").first
    boxes = [box.bounding_box() for box in required.locator("li").all()]
    width = required.bounding_box()["width"]
    rows = sorted({round(box["y"]) for box in boxes})
    columns = sorted({round(box["x"]) for box in boxes})
    assert (len(rows), len(columns)) == (2, 2), boxes
    assert all(box["width"] > 0.45 * width for box in boxes), (width, boxes)
    # Rating and warning fit in two lines each; in a row of four they took three or more.
    line_height = required.locator("li").first.evaluate(
        "li => parseFloat(getComputedStyle(li).lineHeight)"
    )
    assert all(box["height"] < 2.6 * line_height for box in boxes), (line_height, boxes)
    screenshot(page, "works-list-required-tags-phone")
