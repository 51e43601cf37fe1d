"""Personal access tokens: made, named and scoped on a page, shown once, hashed at rest, revoked."""

import hashlib

from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from fanfold.api.models import AccessToken
from tests.api.conftest import error_of


def _make_token(client, login, name="my e-reader", scopes=("read",)):
    url = reverse("api_pages:tokens", args=[login])
    return client.post(url, {"name": name, "scopes": list(scopes)})


def _secret_on(page) -> str:
    html = page.content.decode()
    start = html.index('<code id="new-token">') + len('<code id="new-token">')
    return html[start : html.index("</code>", start)]


def test_a_token_made_on_the_page_is_shown_once_and_kept_only_as_a_hash(author_client, author):
    page = _make_token(author_client, "author", scopes=["read", "kudos"])
    secret = _secret_on(page)
    assert secret.startswith("ff_") and len(secret) > 40
    assert page["Cache-Control"] == "no-store"
    token = AccessToken.objects.get(user=author)
    assert token.name == "my e-reader" and sorted(token.scopes) == ["kudos", "read"]
    assert token.digest == hashlib.sha256(secret.encode()).hexdigest()
    assert secret not in str(AccessToken.objects.filter(pk=token.pk).values().get())
    again = author_client.get(reverse("api_pages:tokens", args=["author"])).content.decode()
    assert secret not in again and token.prefix in again and "my e-reader" in again


def test_the_token_reads_as_its_owner_until_it_is_revoked(author_client, author):
    secret = _secret_on(_make_token(author_client, "author"))
    api = Client(HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert api.get("/api/v1/me/subscriptions").status_code == 200
    token = AccessToken.objects.get(user=author)
    assert token.last_used_at is not None
    author_client.post(reverse("api_pages:revoke", args=["author", token.pk]))
    refused = api.get("/api/v1/me/subscriptions")
    assert refused.status_code == 401
    assert "access token" in error_of(refused)["message"]
    assert (
        "revoked"
        in author_client.get(reverse("api_pages:tokens", args=["author"])).content.decode()
    )


def test_a_wrong_token_is_refused_not_treated_as_a_guest(work):
    api = Client(HTTP_AUTHORIZATION="Bearer ff_not-a-real-token")
    assert api.get(f"/api/v1/works/{work.pk}").status_code == 401


def test_outsider_is_refused_someone_elses_token_page(outsider_client, author):
    assert outsider_client.get(reverse("api_pages:tokens", args=["author"])).status_code == 403
    assert _make_token(outsider_client, "author").status_code == 403


def test_guest_is_sent_to_sign_in_for_the_token_page(guest):
    response = guest.get(reverse("api_pages:tokens", args=["author"]))
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


def test_outsider_cannot_revoke_anothers_token(author_client, outsider_client, author):
    _make_token(author_client, "author")
    token = AccessToken.objects.get(user=author)
    outsider_client.post(reverse("api_pages:revoke", args=["author", token.pk]))
    token.refresh_from_db()
    assert token.revoked_at is None


def test_only_archivists_may_give_a_token_the_import_scope(author_client, author):
    page = _make_token(author_client, "author", scopes=["import"])
    assert "import" not in {s for t in AccessToken.objects.all() for s in t.scopes}
    assert "Select a valid choice" in page.content.decode()
    author.groups.add(Group.objects.get(name="Archivists"))
    archivist = Client()
    archivist.force_login(author)
    _make_token(archivist, "author", scopes=["import"])
    assert AccessToken.objects.get(user=author).scopes == ["import"]


def test_preferences_link_to_the_token_page(author_client):
    page = author_client.get(reverse("accounts:preferences", args=["author"])).content.decode()
    assert reverse("api_pages:tokens", args=["author"]) in page
