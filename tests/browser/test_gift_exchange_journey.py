"""A small gift exchange in a real browser: the maintainer sets it up, three people sign up
(one fixes a mistake), matching and sending, a giver posts and fulfils, then the reveal."""

import datetime
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from fanfold.challenges.models import Challenge
from fanfold.tags.models import Tag, TagType
from tests.browser.conftest import fill_required_work_fields, screenshot, sign_in
from tests.collections.conftest import make_collection
from tests.factories import UserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
# Who asks for what and offers what: a ring, so exactly one full matching exists.
PEOPLE = {
    "ana": ("Moth Island (Comics)", "Paper Boats (Film)"),
    "bo": ("Paper Boats (Film)", "Lighthouse Keepers (Radio)"),
    "cy": ("Lighthouse Keepers (Radio)", "Moth Island (Comics)"),
}


@pytest.fixture
def as_user(browser, live_server):
    contexts = []

    def open_page(username: str):
        context = browser.new_context(
            base_url=live_server.url, viewport={"width": 1200, "height": 900}
        )
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        sign_in(page, username)
        return page

    yield open_page
    for context in contexts:
        context.close()


def set_up_the_exchange(page) -> None:
    page.goto("/collections/Winter_Swap")
    page.get_by_role("link", name="Set Up a Gift Exchange").click()
    page.get_by_label("Sign-up open?").check()
    page.get_by_label("Time zone").fill("Europe/London")
    for kind in ("Requests", "Offers"):
        page.get_by_label(f"{kind}: Fandom, required").fill("1")
        page.get_by_label(f"{kind}: Fandom, allowed").fill("1")
    page.get_by_label("Fandom tags that must match").select_option("1")
    page.get_by_role("button", name="Save").click()
    page.get_by_text("Challenge settings were successfully updated.").wait_for()


def sign_up(page, requested: str, offered: str) -> None:
    page.goto("/collections/Winter_Swap")
    page.get_by_role("link", name="Sign Up").click()
    page.locator("fieldset.request").get_by_label("Fandom (1 to 1)").fill(requested)
    page.locator("fieldset.offer").get_by_label("Fandom (1 to 1)").fill(offered)
    page.get_by_role("button", name="Submit").click()


def post_work(page, title: str) -> None:
    page.goto("/works/new")
    text = "The moth circled the lamp once, and then sat down to listen."
    fill_required_work_fields(page, title, text, fandom="Moth Island (Comics)")
    page.get_by_role("button", name="Post", exact=True).click()
    page.get_by_text("Work was successfully posted.").wait_for()


def test_a_gift_exchange_from_sign_up_to_reveal(browser, as_user, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    for fandom in {fandom for pair in PEOPLE.values() for fandom in pair}:
        Tag.objects.create(name=fandom, type=TagType.FANDOM, canonical=True)
    maintainer = UserFactory(username="maintainer")
    for username in PEOPLE:
        UserFactory(username=username)
    make_collection(maintainer, "Winter_Swap", unrevealed=True, anonymous=True)

    maintaining = as_user("maintainer")
    set_up_the_exchange(maintaining)

    for username, (requested, offered) in PEOPLE.items():
        page = as_user(username)
        if username == "ana":  # a mistake first: two fandoms where one is allowed
            sign_up(page, f"{requested}, {offered}", offered)
            page.get_by_text("must include exactly 1 fandom tag,").wait_for()
            assert (
                page.locator("fieldset.offer").get_by_label("Fandom (1 to 1)").input_value()
                == offered
            )
            screenshot(page, "gift-exchange-signup-error")
            page.locator("fieldset.request").get_by_label("Fandom (1 to 1)").fill(requested)
            page.get_by_role("button", name="Submit").click()
        else:
            sign_up(page, requested, offered)
        page.get_by_text("Sign-up was successfully saved.").wait_for()

    maintaining.goto("/collections/Winter_Swap")
    maintaining.get_by_role("link", name="Matching").click()
    maintaining.get_by_role("button", name="Generate Potential Matches").click()
    maintaining.get_by_text("Matching has started").wait_for()
    rows = maintaining.locator("table.assignments tbody tr")
    assert sorted(rows.all_inner_texts()) == [
        "ana\tcy\tNot sent\t",
        "bo\tana\tNot sent\t",
        "cy\tbo\tNot sent\t",
    ]
    maintaining.get_by_role("button", name="Send Assignments").click()
    maintaining.get_by_text("3 assignments were sent out.").wait_for()
    screenshot(maintaining, "gift-exchange-assignments")
    assert sorted(m.to[0] for m in mail.outbox) == [
        "ana@example.org",
        "bo@example.org",
        "cy@example.org",
    ]
    assignment_link = urlsplit(
        next(m for m in mail.outbox if m.to == ["cy@example.org"]).body.split()[-1]
    ).path

    giving = as_user("cy")
    giving.goto(assignment_link)
    giving.locator("dd.recipient").get_by_text("ana").wait_for()
    giving.get_by_text("Moth Island (Comics)").first.wait_for()
    post_work(giving, "Wings at the Window")
    giving.goto("/users/cy/assignments")
    giving.get_by_role("link", name="Fulfill").click()
    giving.get_by_label("Your work").select_option(label="Wings at the Window")
    giving.get_by_role("button", name="Submit").click()
    giving.get_by_text("Your work was posted to the collection for your assignment.").wait_for()
    giving.get_by_text("Fulfilled").wait_for()

    reading = as_user("bo")
    reading.goto("/collections/Winter_Swap/works")
    reading.get_by_text("Mystery Work").first.wait_for()
    assert "Wings at the Window" not in reading.content()

    challenge = Challenge.objects.get()
    challenge.works_reveal_at = timezone.now() - datetime.timedelta(minutes=1)
    challenge.creators_reveal_at = timezone.now() + datetime.timedelta(days=1)
    challenge.save()
    call_command("challenge_reveals")
    reading.goto("/collections/Winter_Swap/works")
    reading.get_by_role("link", name="Wings at the Window").click()
    assert reading.locator("h3.byline").inner_text().strip() == "Anonymous"
    challenge.creators_reveal_at = timezone.now() - datetime.timedelta(seconds=1)
    challenge.save()
    call_command("challenge_reveals")
    reading.reload()
    reading.locator("h3.byline").get_by_role("link", name="cy").wait_for()
    screenshot(reading, "gift-exchange-revealed")
    revealed = [m for m in mail.outbox if "revealed" in m.subject]
    assert revealed and all(m.to == ["cy@example.org"] or "ana" in m.to[0] for m in revealed)
