"""Archivist imports (AO3's Open Doors API): works by URL or file for their original creators,
who are emailed a link to claim them; claiming moves the work to their account."""

import base64
import json
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.contrib.auth.models import Group

from fanfold.api.models import ClaimInvitation
from fanfold.works.models import Work
from tests.api.conftest import error_of, token_client
from tests.conftest import signed_in
from tests.factories import UserFactory
from tests.feedback.test_subscriptions_and_email import body

CHAPTER_PAGES = {
    "/archive/story1/chapter1.html": "<html><head><title>Tide Tables</title></head><body>"
    "<h2>Low Water</h2><p>The tide went out past the pier.</p></body></html>",
    "/archive/story1/chapter2.html": "<html><head><title>Tide Tables</title></head><body>"
    "<h2>High Water</h2><p>It came back in by supper.</p></body></html>",
}


@pytest.fixture
def old_archive(settings):
    """A small, old fan archive on loopback that the importer fetches chapter pages from."""

    class Pages(BaseHTTPRequestHandler):
        def do_GET(self):
            page = CHAPTER_PAGES.get(self.path)
            self.send_response(200 if page else 404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write((page or "gone").encode())

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Pages)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    settings.IMPORT_FETCH_TRUSTED_HOSTS = ["127.0.0.1"]
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def archivist(db):
    user = UserFactory(username="opendoors")
    user.groups.add(Group.objects.get(name="Archivists"))
    return user


@pytest.fixture
def archivist_api(archivist):
    return token_client(archivist, ["import"])


def post(client, data):
    return client.post("/api/v1/imports", json.dumps(data), content_type="application/json")


def _import_story(archivist_api, old_archive, smtp, capture) -> tuple[Work, str]:
    """Imports story1 from the old archive; returns the work and the claim link mailed for it."""
    request = {
        "works": [{
            "id": "story1",
            "chapter_urls": [f"{old_archive}/archive/story1/chapter1.html",
                             f"{old_archive}/archive/story1/chapter2.html"],
            "external_author_name": "Marina Shore",
            "external_author_email": "marina@example.org",
            "fandoms": ["Coast Tales"],
            "rating": "General Audiences",
        }],
    }  # fmt: skip
    with capture(execute=True):
        response = post(archivist_api, request)
    assert response.status_code == 200, response.content
    answer = response.json()
    assert answer["status"] == "ok"
    [result] = answer["works"]
    assert result["status"] == "created" and result["original_id"] == "story1"
    work = Work.objects.get(pk=int(result["archive_url"].rsplit("/", 1)[1]))
    assert work.imported_creators == "Marina Shore" and work.posted
    assert [c.title for c in work.chapters.order_by("position")] == ["Low Water", "High Water"]
    assert [t.name for t in work.fandoms] == ["Coast Tales"]
    [message] = smtp.messages
    assert message["To"] == "marina@example.org"
    link = re.search(r"http://\S+/imports/claim/\S+", body(message)).group(0)
    return work, link


def test_a_work_imported_by_url_waits_for_its_creator_who_is_emailed(
    archivist_api,
    old_archive,
    smtp,
    django_capture_on_commit_callbacks,
):
    work, _ = _import_story(archivist_api, old_archive, smtp, django_capture_on_commit_callbacks)
    assert work.creator_pseuds[0].user.username == "opendoors"  # the archivist holds it meanwhile
    request = {"works": [{
        "chapter_urls": [f"{old_archive}/archive/story1/chapter1.html"],
        "external_author_name": "Marina Shore", "external_author_email": "marina@example.org",
    }]}  # fmt: skip
    again = post(archivist_api, request).json()["works"][0]  # the same original URL
    assert again["status"] == "found" and again["archive_url"].endswith(work.get_absolute_url())


def test_the_creator_claims_the_work_once_and_it_moves_to_their_account(
    archivist_api,
    old_archive,
    smtp,
    django_capture_on_commit_callbacks,
    guest,
):
    work, link = _import_story(archivist_api, old_archive, smtp, django_capture_on_commit_callbacks)
    path = link.removeprefix("http://127.0.0.1:8000")
    marina = UserFactory(username="marina")
    client = signed_in(marina)
    page = client.get(path).content.decode()
    assert "Tide Tables" in page and "Claim this work" in page
    client.post(path)
    work.refresh_from_db()
    assert [p.user.username for p in work.creator_pseuds] == ["marina"]
    assert work.imported_creators == ""
    assert ClaimInvitation.objects.get(work=work).claimed_by == marina
    someone_else = signed_in(UserFactory(username="latecomer"))
    assert someone_else.get(path).status_code == 404
    assert "/users/marina" in guest.get(work.get_absolute_url()).content.decode()


def test_a_work_uploaded_as_a_file_is_imported(archivist_api):
    html = (
        b"<html><head><title>Lantern Keeper</title></head><body><p>A small light.</p></body></html>"
    )
    response = post(archivist_api, {
        "send_claim_emails": False,
        "works": [{
            "file_name": "lantern.html", "file_content": base64.b64encode(html).decode(),
            "external_author_name": "Ada Lamp", "external_author_email": "ada@example.org",
        }],
    })  # fmt: skip
    [result] = response.json()["works"]
    assert result["status"] == "created"
    assert Work.objects.get(title="Lantern Keeper").imported_creators == "Ada Lamp"


def test_unreadable_works_are_reported_each_with_its_reason(archivist_api, old_archive):
    response = post(archivist_api, {
        "works": [
            {"chapter_urls": [], "external_author_name": "A", "external_author_email": "a@example.org"},
            {"chapter_urls": [f"{old_archive}/missing.html"], "external_author_name": "B",
             "external_author_email": "b@example.org"},
            {"file_content": "not base64!", "external_author_name": "C",
             "external_author_email": "c@example.org"},
        ],
    })  # fmt: skip
    answer = response.json()
    assert answer["status"] == "failed"
    reasons = [result["messages"][0] for result in answer["works"]]
    assert "doesn't contain any chapter URLs" in reasons[0]
    assert "could not be fetched" in reasons[1] and "base64" in reasons[2]
    assert not Work.objects.exists()


def test_private_addresses_are_never_fetched(archivist_api, settings):
    settings.IMPORT_FETCH_TRUSTED_HOSTS = []
    response = post(archivist_api, {"works": [{
        "chapter_urls": ["http://127.0.0.1:9/secret.html"],
        "external_author_name": "X", "external_author_email": "x@example.org",
    }]})  # fmt: skip
    assert "not on a public host" in response.json()["works"][0]["messages"][0]


def test_only_an_archivists_token_may_import(author):
    response = post(token_client(author), {"works": []})
    assert response.status_code == 403 and "import" in error_of(response)["message"]


def test_search_finds_works_already_imported_from_a_url(archivist_api, old_archive):
    url = f"{old_archive}/archive/story1/chapter1.html"
    post(archivist_api, {"send_claim_emails": False, "works": [{
        "chapter_urls": [url], "external_author_name": "M", "external_author_email": "m@example.org",
    }]})  # fmt: skip
    found = archivist_api.post(
        "/api/v1/imports/search",
        json.dumps({"original_urls": [url, "http://elsewhere.example/x"]}),
        content_type="application/json",
    ).json()
    assert [item["status"] for item in found] == ["found", "not_found"]
