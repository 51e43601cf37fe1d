"""A blurb's series line reads like AO3's: "Part 1 of …", with no list bullet before it."""

import pytest

from fanfold.series.models import Series, SeriesWork
from tests.browser.conftest import screenshot
from tests.factories import UserFactory, WorkFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.mark.parametrize("viewport", [(390, 844), (1280, 900)])
def test_the_series_line_of_a_blurb_has_no_bullet(page, viewport):
    author = UserFactory()
    work = WorkFactory(author=author, title="The Lamp in the Window")
    series = Series.objects.create(title="The Long Way Home")
    series.creators.add(author.default_pseud)
    SeriesWork.objects.create(series=series, work=work, position=1)
    page.set_viewport_size({"width": viewport[0], "height": viewport[1]})
    page.goto("/works")
    part = page.locator("li.blurb ul.series li").first
    assert part.inner_text() == "Part 1 of The Long Way Home"
    assert part.evaluate("li => getComputedStyle(li).listStyleType") == "none"
    # Its text starts at the blurb's own left edge, as the tags above it do.
    tags = page.locator("li.blurb ul.tags").first
    assert abs(part.bounding_box()["x"] - tags.bounding_box()["x"]) < 2
    screenshot(page, f"works-list-series-{viewport[0]}")
