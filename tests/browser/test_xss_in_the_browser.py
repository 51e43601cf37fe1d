"""Chromium opens every surface carrying the XSS corpus (tests/xss_surfaces.py) and no payload
runs: each would call window.ffxss, which records the call. The CSP would block most of them
even if the sanitiser let them through, so a payload the CSP had to stop fails the test too.

Pages are opened as a guest, the author, a moderator and an admin; what is not a page (feeds
as a reader renders them, downloads, the HTML part of emails) is loaded into a blank page,
where no CSP protects it, as an e-reader or a mail client would show it.
"""

import pytest
from django.test import Client

from tests.browser.conftest import COLLECT_VIOLATIONS, sign_in
from tests.factories import UserFactory
from tests.html_audit import MARKER
from tests.xss_surfaces import documents, store_everywhere

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

RECORD_CALLS = "window.__ran = []; window.ffxss = n => window.__ran.push(n);"


def _open_everything(page) -> list:
    page.wait_for_load_state("load")
    page.locator("details").evaluate_all("all => all.forEach(d => d.open = true)")
    page.wait_for_timeout(50)
    return page.evaluate("window.__ran.concat(window.__violations)")


def _serving(html: str):
    return lambda route: route.fulfill(body=html, content_type="text/html")


def test_no_payload_runs_in_chromium_on_any_surface(browser, live_server, tmp_path, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    author = UserFactory(username="author")
    admin = UserFactory(username="siteadmin", is_staff=True, is_superuser=True)
    stored = store_everywhere(author, admin, tmp_path)
    viewers = {None: stored.pages, author: stored.pages + stored.private[author]}
    viewers |= {user: urls for user, urls in stored.private.items() if user != author}
    ran: dict[str, list] = {}
    for user, urls in viewers.items():
        context = browser.new_context(base_url=live_server.url)
        page = context.new_page()
        page.add_init_script(RECORD_CALLS + COLLECT_VIOLATIONS)
        if user is not None:
            sign_in(page, user.username)
        for url in urls:
            page.goto(url)
            ran[f"{user} {url}"] = _open_everything(page)
        context.close()
    context = browser.new_context()
    page = context.new_page()
    page.add_init_script(RECORD_CALLS + COLLECT_VIOLATIONS)
    shown = documents(stored, Client())
    for number, (name, html) in enumerate(shown.items()):
        # Served from an address of its own, without the site's CSP (routed, never fetched).
        url = f"http://documents.invalid/{number}"
        page.route(url, _serving(html))
        page.goto(url)
        ran[name] = _open_everything(page)
    context.close()
    assert {surface: calls for surface, calls in ran.items() if calls} == {}
    assert any(name.startswith("email") for name in shown)
    assert sum(MARKER in html for html in shown.values()) == len(shown)
