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


# The top of every line the box's visible text takes (the hidden full name excepted), and
# whether that text spills out of the box.
VISIBLE_LINES = """li => {
  const tops = new Set(), box = li.getBoundingClientRect();
  let spills = false;
  const walker = document.createTreeWalker(li, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const parent = walker.currentNode.parentElement;
    if (!parent.checkVisibility() || parent.getBoundingClientRect().width <= 1) continue;
    const range = document.createRange();
    range.selectNodeContents(walker.currentNode);
    for (const r of range.getClientRects()) {
      tops.add(Math.round(r.top));
      spills ||= r.left < box.left || r.right > box.right;
    }
  }
  return {lines: tops.size, spills};
}"""


@pytest.mark.parametrize(("size", "viewport"), [("phone", (390, 844)), ("desktop", (1280, 900))])
def test_required_tags_are_ao3s_square_of_one_line_symbols_named_in_full(page, size, viewport):
    WorkFactory(
        rating="Teen And Up Audiences",
        warnings=("Choose Not To Use Archive Warnings",),
        categories=("Gen",),
        expected_chapters=None,  # in progress
    )
    page.set_viewport_size({"width": viewport[0], "height": viewport[1]})
    page.goto("/works")
    required = page.locator("li.blurb ul.required-tags").first
    boxes = required.locator("li").all()
    assert len(boxes) == 4
    for box in boxes:
        assert box.evaluate(VISIBLE_LINES) == {"lines": 1, "spills": False}, box.inner_html()
    places = [box.bounding_box() for box in boxes]
    rows = sorted({round(place["y"]) for place in places})
    columns = sorted({round(place["x"]) for place in places})
    assert (len(rows), len(columns)) == (2, 2), places
    # Screen readers still hear each tag's full name, and nothing else.
    assert required.aria_snapshot().split("\n") == [
        "- list:",
        "  - listitem: Teen And Up Audiences",
        "  - listitem: Choose Not To Use Archive Warnings",
        "  - listitem: Gen",
        "  - listitem: Work in Progress",
    ]
    screenshot(page, f"works-list-required-tags-{size}")
