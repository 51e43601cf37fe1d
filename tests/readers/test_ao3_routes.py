"""AO3's routes and sign-in surface that readers' tools rely on, through Django's test client."""

import json
import re

from django.test import Client
from django.urls import reverse

from fanfold.works.chapters import add_chapter
from fanfold.works.models import Chapter
from tests.factories import PASSWORD, WorkFactory


def test_short_chapter_url_leads_to_the_chapter_under_its_work_keeping_the_query(guest, work):
    chapter = work.chapters.get()
    response = guest.get(f"/chapters/{chapter.pk}?view_adult=true")
    assert response.status_code == 302
    assert response["Location"] == f"/works/{work.pk}/chapters/{chapter.pk}?view_adult=true"


def test_short_chapter_url_of_a_draft_is_not_found(guest, author):
    draft = WorkFactory(author=author, posted=False)
    assert guest.get(f"/chapters/{draft.chapters.get().pk}").status_code == 404


def test_short_chapter_url_of_a_restricted_work_asks_guests_to_sign_in(guest, author):
    restricted = WorkFactory(author=author, restricted=True)
    response = guest.get(f"/chapters/{restricted.chapters.get().pk}")
    assert response.status_code == 302 and response["Location"].startswith("/users/login")


def test_doubled_slashes_are_sent_to_the_one_slash_path(guest, work):
    # The test client would read "//works" as a host name, so the path is given as the server sees it.
    response = guest.get("/", PATH_INFO=f"//works//{work.pk}", QUERY_STRING="view_adult=true")
    assert response.status_code == 301
    assert response["Location"] == f"/works/{work.pk}?view_adult=true"
    assert guest.get("/no-such-page").status_code == 404


def test_token_dispenser_gives_a_token_the_sign_in_form_accepts_as_authenticity_token(author):
    client = Client(enforce_csrf_checks=True)
    token = json.loads(client.get("/token_dispenser.json").content)["token"]
    refused = client.post(
        "/users/login", {"user[login]": "author", "user[password]": PASSWORD}, follow=True
    )
    assert refused.status_code == 403
    signed_in = client.post(
        "/users/login",
        {"user[login]": "author", "user[password]": PASSWORD, "authenticity_token": token},
        follow=True,
    )
    assert signed_in.context["user"].username == "author"
    assert 'href="/users/logout"' in signed_in.content.decode()


def test_djangos_own_sign_in_field_names_still_work(author):
    client = Client()
    response = client.post(
        "/users/login", {"username": "author", "password": PASSWORD}, follow=True
    )
    assert response.context["user"].username == "author"


def test_logout_link_asks_to_confirm_and_only_the_form_signs_out(author_client):
    confirm = author_client.get("/users/logout").content.decode()
    assert "Are you sure you want to log out?" in confirm
    assert 'method="post" action="/users/logout"' in confirm
    assert author_client.get("/users/author").context["user"].is_authenticated
    author_client.post("/users/logout")
    assert not author_client.get("/users/author").context["user"].is_authenticated


def test_every_page_carries_a_csrf_token_meta_tag(guest, db):
    page = guest.get("/").content.decode()
    assert re.search(r'<meta name="csrf-token" content="[A-Za-z0-9]{64}">', page)


def main_classes(client: Client, path: str) -> str:
    page = client.get(path).content.decode()
    return re.search(r'<div id="main" class="([^"]*)" role="main"', page).group(1).strip()


def test_main_carries_aos3_controller_action_classes(guest, author, work):
    chapter = work.chapters.get()
    assert main_classes(guest, work.get_absolute_url()) == "works-show region"
    assert main_classes(guest, chapter.get_absolute_url()) == "chapters-show region"
    assert main_classes(guest, "/users/author") == "users-show dashboard region"
    assert main_classes(guest, "/users/author/profile") == "profile-show dashboard region"
    assert main_classes(guest, "/users/author/works") == "works-index dashboard filtered region"


def test_profile_page_names_the_pseuds_the_date_joined_and_the_user_id(guest, author):
    page = guest.get(reverse("accounts:about", args=["author"])).content.decode()
    assert f"<dt>My user ID is:</dt>\n      <dd>{author.pk}</dd>" in page
    assert '<dd class="pseuds"><a href="/users/author/pseuds/author">author</a></dd>' in page


def test_chapter_page_of_a_one_chapter_work_is_shaped_like_ao3s(guest, work):
    page = guest.get(work.chapters.get().get_absolute_url()).content.decode()
    chapter = re.search(r'<div class="chapter" id="chapter-1">.*?</div>\s*</div>', page, re.S)
    assert chapter, "no div.chapter#chapter-1"
    assert re.search(
        r'<div class="userstuff module" role="article"><h3 class="landmark heading" id="work">Chapter Text</h3>',
        page,
    )


def test_download_links_carry_the_works_last_change_as_unix_time(guest, work):
    before = int(work.modified_at.timestamp())
    add_chapter(work, Chapter(body="<p>Another day.</p>"), post=True)
    page = guest.get(work.get_absolute_url()).content.decode()
    stamps = {int(stamp) for stamp in re.findall(r"\.epub\?updated_at=(\d+)", page)}
    assert len(stamps) == 1 and stamps.pop() >= before
