"""A NUL character anywhere a request sends text (its address, a form field, an API body) is
refused with a 400 that says what was wrong, on SQLite and PostgreSQL alike (PostgreSQL text
cannot hold one), and nothing is written."""

import json
from urllib.parse import urlencode

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from fanfold.feedback.models import Comment
from fanfold.search.models import SavedFilter
from fanfold.works.models import Work
from tests.api.conftest import error_of, token_client
from tests.api.test_writes import NEW_WORK
from tests.factories import WorkFactory

ADDRESS = "The address contains a NUL character"


def refused_page(response) -> str:
    assert response.status_code == 400, response.content[:300]
    assert response["Content-Type"].startswith("text/html")
    page = response.content.decode()
    assert "Error 400" in page and "Nothing was saved" in page
    return page


@pytest.mark.parametrize(
    "address",
    [
        "/works?work_search[query]=lan%00tern",
        "/works?include_work_search[fandom_ids][]=Tea%00",
        "/works?include_work_search[rating_ids][]=Tea%00",
        "/works/feed.atom?include_work_search[fandom_ids][]=Tea%00",
        "/works/search?work_search[query]=lan%00tern",
        "/tags/{fandom}/works?work_search[query]=lan%00tern",
        "/tags/{fandom}%00/works",
        "/works/{work}?view_full_work=true%00",
    ],
)
def test_a_nul_in_the_address_of_a_page_is_refused_with_a_400(guest, author, address):
    work = WorkFactory(author=author, title="Harbour Lights Ledger")
    url = address.format(fandom=work.fandoms[0].name, work=work.pk)
    page = refused_page(guest.get(url))
    assert ADDRESS in page
    assert "Harbour Lights Ledger" not in page


@pytest.mark.parametrize("encoding", ["multipart", "urlencoded"])
def test_a_comment_holding_nul_is_refused_and_not_stored(outsider_client, work, encoding):
    url = f"/works/{work.pk}/comments"
    data = {"body": "Lovely\x00 work."}
    if encoding == "multipart":
        response = outsider_client.post(url, data)
    else:
        body = urlencode(data)
        response = outsider_client.post(url, body, "application/x-www-form-urlencoded")
    assert "The field “body” contains a NUL character" in refused_page(response)
    assert not Comment.objects.exists()


def test_a_saved_filter_holding_nul_is_refused_and_not_stored(author_client):
    data = {"name": "Tea\x00", "path": "/works", "query": "work_search%5Bquery%5D=tea"}
    response = author_client.post("/saved_filters/new", data)
    assert "The field “name” contains a NUL character" in refused_page(response)
    assert not SavedFilter.objects.exists()


def test_a_nul_in_a_field_name_is_refused_too(outsider_client, work):
    response = outsider_client.post(f"/works/{work.pk}/comments", {"body": "Hi", "b\x00dy": "x"})
    assert "The field “bdy” contains a NUL character" in refused_page(response)
    assert not Comment.objects.exists()


def test_nul_bytes_inside_an_uploaded_file_are_not_a_field(outsider_client, work):
    # Files are content, not fields: the comment form ignores the file and posts the comment.
    upload = SimpleUploadedFile("lamp.bin", b"\x00\x01\x00")
    response = outsider_client.post(f"/works/{work.pk}/comments", {"body": "Hi", "file": upload})
    assert response.status_code == 302 and Comment.objects.count() == 1


def test_the_api_refuses_nul_with_its_json_error(author, db):
    client = token_client(author)
    address = error_of(client.get("/api/v1/works?work_search[query]=%00"))
    assert address["status"] == 400 and address["message"].startswith(ADDRESS)
    body = json.dumps({**NEW_WORK, "title": "Nul\x00Title"})
    response = client.post("/api/v1/works", body, content_type="application/json")
    error = error_of(response)
    assert error["status"] == 400
    assert error["message"].startswith("The request body contains a NUL character")
    assert not Work.objects.exists()


def test_an_escaped_backslash_before_u0000_is_text_not_a_nul(author, db):
    client = token_client(author)
    body = json.dumps({**NEW_WORK, "title": "Path C:\\u0000"})  # a backslash, then "u0000"
    response = client.post("/api/v1/works", body, content_type="application/json")
    assert response.status_code == 201
    assert Work.objects.get().title == "Path C:\\u0000"


@pytest.mark.django_db
def test_any_other_bad_request_gets_the_archive_page_with_a_general_sentence(client):
    """A request Django itself refuses (here a Host it does not serve) gets the archive's 400
    page, with the reader's page around it, not Django's bare one."""
    response = client.get("/works", HTTP_HOST="not-this-archive.example")

    assert response.status_code == 400
    page = response.content.decode()
    assert "its address, headers or form were malformed" in page
    assert "Nothing was saved." in page
    assert 'id="header"' in page


def test_a_cookie_holding_nul_is_ignored_like_a_missing_one(guest, outsider_client):
    # The Archive never sets such a cookie; the session would look its key up in the database.
    guest.cookies["sessionid"] = "\x00abcdefghij"
    assert guest.get("/works").status_code == 200
    outsider_client.cookies["sessionid"] = outsider_client.cookies["sessionid"].value + "\x00"
    page = outsider_client.get("/works")
    assert page.status_code == 200
    assert not page.wsgi_request.user.is_authenticated
