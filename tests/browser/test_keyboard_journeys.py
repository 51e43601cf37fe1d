"""Keyboard-only journeys beyond the listing's skip links: the posting form, the work page's
feedback, and the filters, each driven with Tab, Enter and Space alone."""

import pytest

from fanfold.feedback.models import Comment, Kudo
from fanfold.works.models import Work
from tests.browser.conftest import fill_required_work_fields, screenshot, sign_in
from tests.factories import UserFactory, WorkFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

# What a screen reader would announce for the focused element: its label or its text.
FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return "";
  const label = el.labels && el.labels.length ? el.labels[0].textContent : "";
  const text = el.tagName === "INPUT" ? el.value : el.textContent;  // a submit input says its value
  return (label || el.getAttribute("aria-label") || text || el.id).trim().replace(/\\s+/g, " ");
}"""
FOCUSED_IS_HIDDEN = "() => !document.activeElement.checkVisibility()"


def tab_until(page, name: str, limit: int = 80) -> list[str]:
    """Presses Tab until the focused element is announced as `name`; returns every stop."""
    stops: list[str] = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        stops.append(page.evaluate(FOCUSED))
        assert not page.evaluate(FOCUSED_IS_HIDDEN), f"focus went to a hidden element: {stops}"
        if stops[-1] == name:
            return stops
    raise AssertionError(f"{name!r} not reached in {limit} Tab presses: {stops}")


def fill_required(page) -> None:
    page.goto("/works/new")
    fill_required_work_fields(page, "Keys in the Harbour", "The keys were on a hook by the door.")


def test_posting_form_enter_in_any_tag_field_never_posts_and_tab_reaches_preview_and_post(page):
    UserFactory(username="writer")
    sign_in(page, "writer")
    for field in ("Fandoms", "Relationships", "Characters", "Additional Tags"):
        fill_required(page)
        page.get_by_label(field).focus()
        page.keyboard.press("Enter")
        page.get_by_text("This is a preview of how readers will see your work.").wait_for()
        assert not Work.objects.filter(posted=True).exists(), f"Enter in {field} posted the work"
    fill_required(page)
    page.get_by_label("Work text").focus()
    # From the text, the next stops are the form's buttons; the hidden default Preview is none.
    assert tab_until(page, "Post") == ["Preview", "Post"]
    screenshot(page, "keyboard-posting-form")
    page.keyboard.press("Enter")
    page.get_by_text("Work was successfully posted.").wait_for()
    assert Work.objects.filter(posted=True).count() == 1


def test_work_page_skip_link_then_bookmark_kudos_and_comment_from_the_keyboard(page):
    author = UserFactory(username="writer")
    work = WorkFactory(author=author, title="Keys in the Harbour")
    UserFactory(username="reader")
    sign_in(page, "reader")
    page.goto(work.get_absolute_url())
    page.keyboard.press("Tab")
    assert page.evaluate(FOCUSED) == "Skip to main content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    stops = tab_until(page, "Kudos ♥")
    for action in ("Bookmark", "Subscribe", "Mark for Later", "Reader settings"):
        assert action in stops, stops
    assert stops.index("Bookmark") < stops.index("Mark for Later") < stops.index("Kudos ♥")
    page.keyboard.press("Enter")
    page.get_by_text("Thank you for leaving kudos!").wait_for()
    assert Kudo.objects.filter(work=work, user__username="reader").exists()
    # After kudos the page comes back at #kudos: the comment box is a few Tabs on, not 30.
    stops = tab_until(page, "Comment:", limit=8)
    page.keyboard.type("Typed without a mouse.")
    assert tab_until(page, "Comment", limit=3)[-1] == "Comment"
    page.keyboard.press("Enter")
    page.get_by_text("Comment created!").wait_for()
    assert Comment.objects.get(work=work).body == "<p>Typed without a mouse.</p>"
    screenshot(page, "keyboard-work-page")


def test_work_page_second_skip_link_takes_focus_straight_to_the_work(page):
    work = WorkFactory(author=UserFactory(username="writer"), title="Keys in the Harbour")
    page.goto(work.get_absolute_url())
    assert tab_until(page, "Skip to the work", limit=2) == [
        "Skip to main content",
        "Skip to the work",
    ]
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "workskin"
    # The next Tab stays in the work (its byline), past the header, actions and tags.
    page.keyboard.press("Tab")
    assert page.evaluate("document.getElementById('workskin').contains(document.activeElement)")
    assert page.evaluate(FOCUSED) == "writer"
    screenshot(page, "keyboard-work-skip-link")


def test_filters_are_opened_checked_and_applied_from_the_keyboard(page):
    WorkFactory(title="Rainy Day Letters", freeforms=("Letters",))
    WorkFactory(title="Unrelated Story", freeforms=("Snow",))
    page.goto("/works")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate(FOCUSED) == "Skip to filters"
    page.keyboard.press("Enter")
    # The Additional Tags section starts closed: Enter on its summary opens it, Space checks.
    tab_until(page, "Additional Tags")
    page.keyboard.press("Enter")
    tab_until(page, "Letters (1)")
    page.keyboard.press("Space")
    assert page.locator("fieldset.include").get_by_label("Letters (1)").is_checked()
    page.keyboard.press("Enter")  # Enter in a filter form submits it
    page.wait_for_url("**include_work_search*")
    assert page.evaluate("document.activeElement.id") == "results"
    titles = page.locator("li.blurb h4.heading a").first.all_inner_texts()
    assert titles == ["Rainy Day Letters"]
    assert page.get_by_role("link", name="Unrelated Story").count() == 0
    screenshot(page, "keyboard-filters")
