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
