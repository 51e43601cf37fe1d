"""Chromium reports no Content-Security-Policy violation and no console error on the pages
readers, creators and staff open, with user content that carries allowed styles."""

import pytest
from django.urls import reverse

from fanfold.series.placement import SeriesPlacement, place_work_in_series
from tests.browser.conftest import COLLECT_VIOLATIONS, sign_in
from tests.factories import UserFactory, WorkFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _error(message) -> bool:
    # A failed load is reported with its address by the response handler (the browser's own
    # favicon request, which the site does not serve, is not a page resource).
    return message.type == "error" and not message.text.startswith("Failed to load resource")


def problems_on(page, url: str) -> list[str]:
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if _error(message) else None)
    page.on("response", lambda r: errors.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    page.goto(url)
    page.wait_for_load_state("load")
    return errors + page.evaluate("window.__violations")


def test_pages_raise_no_csp_violation_or_console_error(page, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    author = UserFactory(username="stylist")
    work = WorkFactory(
        author=author,
        title="Centred Lines",
        summary='<p style="text-align: center; position: fixed">Centred summary</p>',
        body='<p style="text-align:right">Right</p><p style="color: red">Plain</p>',
        freeforms=("Careful Layout",),
    )
    place_work_in_series(work, [author.default_pseud], SeriesPlacement(new_title="Layouts"))
    page.add_init_script(COLLECT_VIOLATIONS)
    guest_pages = [
        "/",
        reverse("works:list"),
        work.get_absolute_url(),
        work.get_absolute_url() + "?view_full_work=true",
        reverse("works:navigate", args=[work.pk]),
        reverse("tags:show", args=["Careful Layout"]),
        reverse("tags:works", args=["Careful Layout"]),
        work.series_memberships.get().series.get_absolute_url(),
        "/users/stylist",
        "/users/login",
        "/signup",
    ]
    found = {url: problems_on(page, url) for url in guest_pages}
    sign_in(page, "stylist")
    for url in [
        reverse("works:new"),
        reverse("works:edit", args=[work.pk]),
        "/users/stylist/stats",
    ]:
        found[url] = problems_on(page, url)
    assert {url: problems for url, problems in found.items() if problems} == {}
