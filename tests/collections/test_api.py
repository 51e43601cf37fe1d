"""Posting through the API reaches collections and gifts as the web form does."""

import json

import pytest

from fanfold.collections.models import CollectionItem
from fanfold.gifts.models import Gift
from fanfold.works.models import Work
from tests.api.conftest import token_client
from tests.collections.conftest import make_collection
from tests.factories import UserFactory


@pytest.fixture
def author_api(author):
    return token_client(author)


WORK = {
    "title": "Harbour Gift",
    "rating": "General Audiences",
    "warnings": ["No Archive Warnings Apply"],
    "fandoms": ["Coast Tales"],
    "body": "<p>The lamps were lit at dusk.</p>",
}


def test_api_posts_an_unrevealed_gift_into_a_collection(author_api, exchange):
    recipient = UserFactory(username="recipient")
    payload = {**WORK, "collection_names": ["Winter_Swap"], "recipients": ["recipient", "Pen Pal"]}
    response = author_api.post(
        "/api/v1/works", json.dumps(payload), content_type="application/json"
    )
    assert response.status_code == 201, response.content
    work = Work.objects.get(pk=response.json()["id"])
    assert CollectionItem.objects.filter(work=work, collection=exchange).exists()
    assert work.unrevealed and work.anonymous
    assert {g.recipient for g in Gift.objects.filter(work=work)} == {"recipient", "Pen Pal"}
    assert Gift.objects.get(work=work, pseud__isnull=False).pseud == recipient.default_pseud


def test_api_refuses_a_closed_collection_with_the_web_sentence(author_api, maintainer):
    make_collection(maintainer, "Shut_Door", title="Shut Door", closed=True)
    payload = {**WORK, "collection_names": ["Shut_Door"]}
    response = author_api.post(
        "/api/v1/works", json.dumps(payload), content_type="application/json"
    )
    assert response.status_code == 422
    assert "Collection Shut Door is currently closed." in response.content.decode()
