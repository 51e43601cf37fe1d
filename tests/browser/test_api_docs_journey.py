"""The API's docs page renders in a real browser under the site's CSP, from local assets only."""

import pytest

from tests.browser.conftest import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db]


def test_api_docs_render_without_breaking_the_content_security_policy(page, live_server):
    problems: list[str] = []
    page.on(
        "console",
        lambda message: problems.append(message.text) if message.type == "error" else None,
    )
    page.on("requestfailed", lambda request: problems.append(f"failed: {request.url}"))
    outside: list[str] = []
    page.on(
        "request",
        lambda request: (
            outside.append(request.url) if not request.url.startswith(live_server.url) else None
        ),
    )
    page.goto("/api/docs")
    assert page.locator(".swagger-ui .info .title").inner_text().startswith("Fanfold API")
    page.get_by_text("/api/v1/works/{work_id}/chapters", exact=True).first.wait_for()
    assert problems == [] and outside == []
    screenshot(page, "api-docs")
