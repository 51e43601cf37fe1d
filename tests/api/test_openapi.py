"""The OpenAPI document: generated from the code, committed, served with its docs under the CSP,
and every operation exercised by schemathesis against the WSGI app (no 500, no off-schema answer)."""

import json

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from fanfold.api.schema import SNAPSHOT
from fanfold.wsgi import application
from tests.api.conftest import token_client
from tests.factories import UserFactory, WorkFactory


def test_the_committed_schema_matches_the_code(guest_api):
    served = guest_api.get("/api/openapi.json").json()
    committed = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    assert served == committed, "The API changed: run `make openapi` and commit docs/openapi.json"
    assert served["openapi"].startswith("3.")
    assert "/api/v1/works" in served["paths"]


def test_docs_page_loads_its_assets_from_this_site_only(guest_api, db):
    page = guest_api.get("/api/docs")
    html = page.content.decode()
    assert page.status_code == 200 and "/api/openapi.json" in html
    assert '<script src="/static/ninja/swagger-ui-bundle.js">' in html
    assert "cdn" not in html.lower() and "https://" not in html
    assert "script-src 'self'" in page["Content-Security-Policy"]


schema = schemathesis.openapi.from_wsgi("/api/openapi.json", application)
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@pytest.fixture
def api_world(db):
    """A little archive to explore, and a token that may do anything a reader can.

    The WSGI app is called directly, so, as Django's test client does, requests must not close
    the test's database connection (PostgreSQL would lose the test's transaction).
    """
    author = UserFactory(username="fuzzauthor")
    WorkFactory(author=author, title="Fuzz Work", freeforms=("Fuzz Tag",))
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield token_client(UserFactory(username="fuzzreader"))
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(
    max_examples=5,  # ~110 requests over 21 operations: a smoke screen that keeps the suite quick
    phases=[Phase.explicit, Phase.generate],
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_every_operation_answers_within_its_schema(case, api_world):
    token = api_world.defaults["HTTP_AUTHORIZATION"]
    case.call_and_validate(headers={"Authorization": token}, checks=CHECKS)
