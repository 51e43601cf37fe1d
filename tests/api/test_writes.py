"""Writing through the API: the web's validation, sanitising, rules and rate limits, as JSON."""

import json

import pytest
from django.test import Client

from fanfold.feedback.models import Bookmark, Comment, Kudo
from fanfold.moderation.actions import ban_user, suspend_user
from fanfold.works.models import Work
from tests.api.conftest import error_of, token_client
from tests.factories import WorkFactory

NEW_WORK = {
    "title": "Harbour Lights",
    "rating": "General Audiences",
    "warnings": ["No Archive Warnings Apply"],
    "fandoms": ["Coast Tales"],
    "freeforms": ["Lanterns", "Fog"],
    "summary": "<p>Fog <script>alert(1)</script>and lamps.</p>",
    "body": '<p onclick="steal()">The lamps were lit at dusk.</p>',
}


def post(client, url, data):
    return client.post(url, json.dumps(data), content_type="application/json")


def test_posting_a_work_makes_it_as_the_web_form_would(author_api, author, guest):
    response = post(author_api, "/api/v1/works", NEW_WORK)
    assert response.status_code == 201, response.content
    body = response.json()
    work = Work.objects.get(pk=body["id"])
    assert work.posted and work.creator_pseuds == [author.default_pseud]
    assert body["summary"] == "<p>Fog and lamps.</p>"
    assert [t["name"] for t in body["freeforms"]] == ["Lanterns", "Fog"]
    chapter = work.chapters.get()
    assert chapter.body == "<p>The lamps were lit at dusk.</p>" and body["stats"]["words"] == 6
    assert "Harbour Lights" in guest.get("/works").content.decode()


def test_a_draft_is_seen_only_by_its_creator(author_api, guest_api):
    body = post(author_api, "/api/v1/works", {**NEW_WORK, "post": False}).json()
    assert author_api.get(f"/api/v1/works/{body['id']}").status_code == 200
    assert guest_api.get(f"/api/v1/works/{body['id']}").status_code == 404


def test_the_web_forms_refusals_come_back_per_field(author_api):
    response = post(author_api, "/api/v1/works", {**NEW_WORK, "fandoms": [], "warnings": []})
    body = error_of(response)
    assert response.status_code == 422
    assert body["fields"]["fandoms"] == ["This field is required."]
    assert body["fields"]["warnings"] == ["Choose at least one archive warning."]
    assert not Work.objects.exists()
    wrong = post(author_api, "/api/v1/works", {**NEW_WORK, "rating": "Spicy"})
    assert "rating" in error_of(wrong)["fields"]
    missing = post(author_api, "/api/v1/works", {"title": "No body"})
    assert missing.status_code == 422 and "body" in error_of(missing)["fields"]


def test_an_unknown_pseud_is_refused(author_api):
    response = post(author_api, "/api/v1/works", {**NEW_WORK, "pseuds": ["Someone Else"]})
    assert error_of(response)["fields"] == {"pseuds": ["Someone Else"]}


def test_adding_a_chapter_is_for_the_works_creators(author_api, outsider_api, work):
    url = f"/api/v1/works/{work.pk}/chapters"
    refused = post(outsider_api, url, {"body": "<p>Mine now</p>"})
    assert refused.status_code == 403 and "creators" in error_of(refused)["message"]
    added = post(author_api, url, {"title": "Dawn", "body": "<p>Second <b>light</b>.</p>"})
    assert added.status_code == 201
    assert added.json()["heading"] == "Chapter 2: Dawn"
    work.refresh_from_db()
    assert work.chapter_count == 2 and work.chapters_label == "2/1"


def test_writes_need_a_token_with_their_scope(work, outsider, guest_api):
    read_only = token_client(outsider, ["read"])
    refused = post(read_only, f"/api/v1/works/{work.pk}/kudos", {})
    assert refused.status_code == 403 and "kudos" in error_of(refused)["message"]
    assert error_of(post(guest_api, f"/api/v1/works/{work.pk}/kudos", {}))["status"] == 401
    assert not Kudo.objects.exists()


def test_kudos_once_and_never_on_your_own_work(outsider_api, author_api, work):
    url = f"/api/v1/works/{work.pk}/kudos"
    left = post(outsider_api, url, {})
    assert left.status_code == 201 and left.json()["users"] == ["outsider"]
    again = post(outsider_api, url, {})
    assert again.status_code == 409
    assert error_of(again)["message"] == "You have already left kudos here. :)"
    own = post(author_api, url, {})
    assert error_of(own)["message"] == "You can't leave kudos on your own work."
    work.refresh_from_db()
    assert work.kudos_count == 1


def test_bookmarking_creates_then_replaces(outsider_api, outsider, work):
    url = f"/api/v1/works/{work.pk}/bookmark"
    data = {"notes": "<p>Great <script>x</script></p>", "tags": ["To Reread"], "rec": True}
    first = outsider_api.put(url, json.dumps(data), content_type="application/json")
    assert first.status_code == 200 and first.json()["notes"] == "<p>Great </p>"
    outsider_api.put(url, json.dumps({"private": True}), content_type="application/json")
    bookmark = Bookmark.objects.get(user=outsider)
    assert bookmark.private and bookmark.tags.count() == 0
    work.refresh_from_db()
    assert work.bookmark_count == 0  # private bookmarks are not counted


def test_commenting_is_sanitised_threaded_and_follows_the_works_rules(outsider_api, work):
    url = f"/api/v1/works/{work.pk}/comments"
    first = post(outsider_api, url, {"body": "<p>Lovely <img src=x onerror=alert(1)></p>"})
    assert first.status_code == 201
    assert "onerror" not in first.json()["body"]
    reply = post(outsider_api, url, {"body": "<p>Also!</p>", "parent_id": first.json()["id"]})
    assert reply.json()["depth"] == 1 and reply.json()["parent_id"] == first.json()["id"]
    work.comment_permission = "nobody"
    work.save()
    closed = post(outsider_api, url, {"body": "<p>Hello?</p>"})
    assert error_of(closed)["message"] == "Sorry, this work doesn't allow comments."
    assert Comment.objects.count() == 2


@pytest.mark.usefixtures("one_rate_limit_window")
def test_comment_rate_limit_answers_429_with_retry_after(outsider_api, work, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "comment": (2, 60)}
    url = f"/api/v1/works/{work.pk}/comments"
    for n in range(2):
        assert post(outsider_api, url, {"body": f"<p>Comment {n}</p>"}).status_code == 201
    limited = post(outsider_api, url, {"body": "<p>One more</p>"})
    assert limited.status_code == 429
    assert 1 <= int(limited["Retry-After"]) <= 60
    assert "Too many requests" in error_of(limited)["message"]


@pytest.mark.usefixtures("one_rate_limit_window")
def test_the_per_address_budget_answers_json_429_too(guest_api, work, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "request": (1, 60)}
    guest_api.get(f"/api/v1/works/{work.pk}")
    limited = guest_api.get(f"/api/v1/works/{work.pk}")
    assert limited.status_code == 429 and limited["Retry-After"]
    error_of(limited)


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [("get", "/api/v1/no-such-thing", 404), ("delete", "/api/v1/works", 405)],
)
def test_unknown_paths_and_methods_answer_json(db, guest_api, method, path, status):
    response = getattr(guest_api, method)(path)
    assert response.status_code == status
    error_of(response)


def test_an_oversized_body_is_refused_before_it_is_read(author_api, settings):
    settings.API_MAX_BODY_BYTES = 1000
    response = post(author_api, "/api/v1/works", {**NEW_WORK, "body": "<p>" + "w " * 1000 + "</p>"})
    assert response.status_code == 413 and "larger than" in error_of(response)["message"]


def test_a_body_that_is_not_json_is_a_clear_400(author_api):
    response = author_api.post("/api/v1/works", "{not json", content_type="application/json")
    assert response.status_code == 400
    error_of(response)


def test_a_suspended_account_can_read_but_not_write_with_its_token(outsider, moderator, work):
    api = token_client(outsider)
    suspend_user(moderator, outsider, days=3, note="Cooling off")
    assert api.get(f"/api/v1/works/{work.pk}").status_code == 200
    refused = post(api, f"/api/v1/works/{work.pk}/kudos", {})
    assert refused.status_code == 403 and "suspended" in error_of(refused)["message"]


def test_a_banned_accounts_tokens_stop_working(outsider, moderator, work):
    api = token_client(outsider)
    ban_user(moderator, outsider, note="Spam")
    assert api.get(f"/api/v1/works/{work.pk}").status_code == 401


def test_restricted_and_hidden_works_cannot_be_written_to(outsider_api, author):
    hidden = WorkFactory(author=author, hidden_by_admin=True)
    assert post(outsider_api, f"/api/v1/works/{hidden.pk}/kudos", {}).status_code == 404


@pytest.mark.usefixtures("one_rate_limit_window")
def test_listings_spend_the_same_search_budget_as_the_web(guest_api, guest, settings, work):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "search": (2, 60)}
    assert guest.get("/works").status_code == 200  # one HTML listing…
    assert guest_api.get("/api/v1/works").status_code == 200  # …and one through the API
    limited = guest_api.get(f"/api/v1/tags/{work.fandoms[0].name}/works")
    assert limited.status_code == 429 and limited["Retry-After"]


def test_nul_characters_are_refused_before_they_reach_the_database(guest_api, author_api, db):
    assert error_of(guest_api.get("/api/v1/tags/a%00b"))["status"] == 400
    assert error_of(guest_api.get("/api/v1/works?work_search[query]=%00"))["status"] == 400
    response = post(author_api, "/api/v1/works", {**NEW_WORK, "title": "Nul\u0000Title"})
    assert error_of(response)["status"] == 400 and not Work.objects.exists()


def test_token_writes_need_no_csrf_token_and_cookies_never_authorise_them(author, work, outsider):
    strict = token_client(outsider, ["kudos"])
    strict.handler.enforce_csrf_checks = True
    assert post(strict, f"/api/v1/works/{work.pk}/kudos", {}).status_code == 201
    session_only = Client(enforce_csrf_checks=True)
    session_only.force_login(author)
    response = post(session_only, "/api/v1/works", NEW_WORK)
    assert response.status_code == 401 and not Work.objects.filter(title="Harbour Lights").exists()
