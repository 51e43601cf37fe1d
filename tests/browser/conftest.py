"""Playwright driving Debian's chromium (never a downloaded browser) against a live server."""

import os
import shutil
from pathlib import Path

import pytest

from tests.factories import PASSWORD

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
# The flags this machine needs: no sandbox as root, and no calls home on a closed network.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# Records every Content-Security-Policy violation the page reports, from the first script on.
COLLECT_VIOLATIONS = """
window.__violations = [];
document.addEventListener('securitypolicyviolation', e => window.__violations.push(
  e.violatedDirective + ' ' + (e.blockedURI || '') + ' ' + (e.sample || '')));
"""


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        if os.environ.get("CI") == "true":
            pytest.fail("chromium is not installed; `make test-tools` installs Debian's package.")
        pytest.skip("chromium is not installed; run `make test-tools`.")
    # Playwright's sync API runs an event loop in this thread; the ORM calls the test makes
    # between page actions are still synchronous and safe.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1200, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def sign_in(page, username: str) -> None:
    page.goto("/users/login")
    page.get_by_label("User name").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log In").click()


def fill_required_work_fields(page, title: str, text: str, fandom: str = "Original Work") -> None:
    """Fills what the posting form shown needs before Preview or Post: rating, warning, fandom,
    title and text."""
    page.get_by_label("Rating").select_option("General Audiences")
    page.get_by_label("No Archive Warnings Apply").check()
    page.get_by_label("Fandoms").fill(fandom)
    page.get_by_label("Title:", exact=True).fill(title)
    page.get_by_label("Work text").fill(text)


def screenshot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
