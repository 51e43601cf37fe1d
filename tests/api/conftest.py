"""API clients for the fixed cast: a token with chosen scopes, sent as a bearer header."""

import pytest
from django.test import Client

from fanfold.api.models import Scope
from fanfold.api.tokens import issue_token
from tests.feedback.test_subscriptions_and_email import smtp  # noqa: F401 - the suite's SMTP sink

ALL_SCOPES = [Scope.READ, Scope.POST, Scope.BOOKMARK, Scope.KUDOS, Scope.COMMENT]


def token_client(user, scopes=ALL_SCOPES) -> Client:
    _, secret = issue_token(user, "test client", [str(scope) for scope in scopes])
    return Client(HTTP_AUTHORIZATION=f"Bearer {secret}")


@pytest.fixture
def author_api(author):
    return token_client(author)


@pytest.fixture
def outsider_api(outsider):
    return token_client(outsider)


@pytest.fixture
def guest_api():
    return Client()


def error_of(response) -> dict:
    """The JSON error body every 4xx carries."""
    assert response["Content-Type"].startswith("application/json"), response.content[:200]
    body = response.json()
    assert body["status"] == response.status_code
    assert body["message"]
    return body
