"""Chromium opens pages carrying the XSS corpus (tests/html_audit.py) and no payload runs:
each would call window.ffxss, which records the call. The CSP would block most of them even
if the sanitiser let them through, so a payload the CSP had to stop fails the test too."""

import pytest
from django.urls import reverse

from fanfold.feedback import comments
from fanfold.series.placement import SeriesPlacement, place_work_in_series
from tests.browser.conftest import COLLECT_VIOLATIONS, sign_in
from tests.factories import UserFactory, WorkFactory
from tests.html_audit import XSS_CORPUS, XSS_LINE

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

RECORD_CALLS = "window.__ran = []; window.ffxss = n => window.__ran.push(n);"


def test_no_payload_runs_in_chromium(page, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    author, reader = UserFactory(username="author"), UserFactory(username="reader")
    work = WorkFactory(
        author=author, title=XSS_LINE, summary=XSS_CORPUS, notes=XSS_CORPUS, body=XSS_CORPUS,
        freeforms=(f"Tag {XSS_LINE[:60]}",),
    )  # fmt: skip
    series = place_work_in_series(work, [author.default_pseud], SeriesPlacement(new_title=XSS_LINE))
    series.summary = XSS_CORPUS
    series.save()
    comments.post_comment(work, reader, XSS_CORPUS, ip="127.0.0.1")
    page.add_init_script(RECORD_CALLS + COLLECT_VIOLATIONS)
    urls = [
        "/", reverse("works:list"), work.get_absolute_url() + "?view_full_work=true",
        series.get_absolute_url(), reverse("tags:works", args=[work.freeforms[0].name]),
        "/users/author/inbox",
    ]  # fmt: skip
    sign_in(page, "author")
    ran = {}
    for url in urls:
        page.goto(url)
        page.wait_for_load_state("load")
        page.locator("details").evaluate_all("all => all.forEach(d => d.open = true)")
        page.wait_for_timeout(50)
        ran[url] = page.evaluate("window.__ran.concat(window.__violations)")
    assert {url: calls for url, calls in ran.items() if calls} == {}
    assert "ffxss" in page.content()  # the payloads are on the page, as text
