"""Anonymous works: the creator is hidden from everyone but the creator and admins, everywhere."""

import pytest
from django.urls import reverse

from tests.conftest import signed_in
from tests.factories import WorkFactory


@pytest.fixture
def secret(author):
    return WorkFactory(
        author=author, title="Unsigned Letter", anonymous=True, freeforms=("Letters",)
    )


def surfaces(secret):
    return [
        secret.get_absolute_url(),
        reverse("works:list"),
        reverse("tags:works", args=["Letters"]),
        reverse("search:works_feed"),
        reverse("downloads:work", args=[secret.pk, "x", "html"]),
    ]


def test_no_surface_names_the_creator_of_an_anonymous_work(secret, outsider_client, guest):
    for client in (guest, outsider_client):
        for url in surfaces(secret):
            page = client.get(url).content.decode()
            assert "Unsigned Letter" in page, url
            assert "/users/author" not in page and ">author<" not in page, url


def test_creator_pages_leave_anonymous_works_out_for_others(secret, author, guest, outsider_client):
    for client in (guest, outsider_client):
        for url in (
            reverse("accounts:profile", args=["author"]),
            reverse("accounts:user_works", args=["author"]),
            reverse("accounts:pseud", args=["author", "author"]),
            reverse("accounts:pseud_works", args=["author", "author"]),
        ):
            assert "Unsigned Letter" not in client.get(url).content.decode(), url
    own = signed_in(author).get(reverse("accounts:user_works", args=["author"])).content.decode()
    assert "Unsigned Letter" in own


def test_search_by_creator_name_does_not_find_anonymous_works(secret, guest):
    response = guest.get(reverse("works:list"), {"work_search[query]": "author"})
    assert response.context["page"].paginator.count == 0
