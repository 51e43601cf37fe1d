"""Reading through the API: the same works, fields, filters, totals and facets as the HTML pages."""

import pytest
from django.urls import reverse

from fanfold.feedback.bookmarks import put_on_shelf, save_bookmark
from fanfold.feedback.models import Comment, Kudo, Subscription
from fanfold.series.placement import SeriesPlacement, place_work_in_series
from fanfold.tags.models import Tag, TagType
from fanfold.tags.wrangling import add_meta_tag, add_parent, make_canonical, make_synonyms
from fanfold.works.chapters import add_chapter
from fanfold.works.models import Chapter
from tests.api.conftest import error_of, token_client
from tests.conftest import signed_in
from tests.factories import WorkFactory


@pytest.fixture
def shelf(author):
    return {
        "fluffy": WorkFactory(
            author=author, title="Fluffy One", freeforms=("Fluff",), body="<p>" + "w " * 50 + "</p>"
        ),
        "angsty": WorkFactory(
            author=author, title="Angsty Two", freeforms=("Angst",),
            rating="Teen And Up Audiences", body="<p>short</p>",
        ),
        "both": WorkFactory(
            author=author, title="Both Three", freeforms=("Fluff", "Angst"),
            rating="Teen And Up Audiences", fandoms=("Test Fandom", "Other Fandom"),
        ),
    }  # fmt: skip


def titles(body) -> list[str]:
    return [work["title"] for work in body["works"]]


def test_a_work_has_its_whole_preface_and_stats(guest_api, author):
    work = WorkFactory(
        author=author, title="The Lighthouse Ledger", summary="<p>Lamps and ledgers.</p>",
        notes="<p>Begin.</p>", end_notes="<p>End.</p>", rating="Teen And Up Audiences",
        warnings=("No Archive Warnings Apply",), categories=("Gen",), fandoms=("Coast Tales",),
        relationships=("Keeper & Gull",), characters=("Keeper",), freeforms=("Storms",),
        expected_chapters=None, language="fr",
    )  # fmt: skip
    place_work_in_series(work, [author.default_pseud], SeriesPlacement(new_title="Sea Lights"))
    body = guest_api.get(f"/api/v1/works/{work.pk}").json()
    assert body["title"] == "The Lighthouse Ledger" and body["url"] == f"/works/{work.pk}"
    assert body["creators"] == [
        {"login": "author", "pseud": "author", "url": "/users/author/pseuds/author"}
    ]
    assert body["summary"] == "<p>Lamps and ledgers.</p>" and body["end_notes"] == "<p>End.</p>"
    assert body["rating"]["name"] == "Teen And Up Audiences"
    assert [t["name"] for t in body["warnings"]] == ["No Archive Warnings Apply"]
    assert [t["name"] for t in body["categories"]] == ["Gen"]
    assert [t["name"] for t in body["relationships"]] == ["Keeper & Gull"]
    assert [t["name"] for t in body["characters"]] == ["Keeper"]
    assert [t["name"] for t in body["freeforms"]] == ["Storms"]
    assert body["language"] == {"code": "fr", "name": "Français"}
    assert body["series"][0]["title"] == "Sea Lights" and body["series"][0]["part"] == 1
    assert body["stats"]["chapters"] == "1/?" and body["stats"]["words"] == 8
    assert body["complete"] is False and body["completed_on"] is None
    assert {d["format"] for d in body["downloads"]} >= {"epub", "pdf", "html"}
    epub = next(d["url"] for d in body["downloads"] if d["format"] == "epub")
    assert guest_api.get(epub).status_code == 200


def test_chapters_list_and_text_are_the_sanitised_html(guest_api, author):
    work = WorkFactory(author=author, body="<p>First <script>alert(1)</script>part.</p>")
    add_chapter(work, Chapter(title="Second", body='<p onclick="x()">Two</p>'), post=True)
    add_chapter(work, Chapter(title="Unposted", body="<p>Not yet</p>"), post=False)
    listed = guest_api.get(f"/api/v1/works/{work.pk}/chapters").json()
    assert [c["heading"] for c in listed] == ["Chapter 1", "Chapter 2: Second"]
    assert "body" not in listed[0]
    second = guest_api.get(f"/api/v1/works/{work.pk}/chapters/{listed[1]['id']}").json()
    assert second["body"] == "<p>Two</p>"
    first = guest_api.get(f"/api/v1/works/{work.pk}/chapters/{listed[0]['id']}").json()
    assert "<script" not in first["body"] and "part." in first["body"]
    unposted = work.chapters.get(title="Unposted")
    assert guest_api.get(f"/api/v1/works/{work.pk}/chapters/{unposted.pk}").status_code == 404


def test_a_pasted_ao3_filter_gives_the_html_listings_works_total_and_facets(
    guest_api, guest, shelf
):
    fluff, angst = Tag.objects.get(name="Fluff").pk, Tag.objects.get(name="Angst").pk
    query = (
        f"?include_work_search[freeform_ids][]={fluff}&exclude_work_search[freeform_ids][]={angst}"
        "&work_search[sort_column]=word_count&work_search[sort_direction]=desc"
    )
    body = guest_api.get("/api/v1/works" + query).json()
    assert titles(body) == ["Fluffy One"] and body["total"] == 1
    html = guest.get(reverse("works:list") + "?work_search[other_tag_names]=Fluff")
    api = guest_api.get("/api/v1/works?work_search[other_tag_names]=Fluff").json()
    assert api["total"] == html.context["page"].paginator.count == 2
    html_facets = {
        (choice.tag.name, choice.count)
        for group in html.context["facet_groups"] for choice in group.choices
    }  # fmt: skip
    api_facets = {(f["tag"]["name"], f["count"]) for fs in api["facets"].values() for f in fs}
    assert api_facets == html_facets and ("Angst", 1) in api_facets


def test_bad_filter_values_are_explained_not_fatal(guest_api, shelf):
    body = guest_api.get("/api/v1/works?work_search[words_from]=lots").json()
    assert body["total"] == 3
    assert body["notices"] == ["Words from must be a whole number; “lots” was ignored."]


def test_cursors_walk_every_work_exactly_once(guest_api, author, settings):
    settings.WORKS_PER_PAGE = 2
    for n in range(5):
        WorkFactory(author=author, title=f"Walk {n}")
    seen, cursor, pages = [], "", 0
    while True:
        body = guest_api.get(f"/api/v1/works?cursor={cursor}").json()
        assert body["total"] == 5
        seen += titles(body)
        pages += 1
        if body["next_cursor"] is None:
            break
        cursor = body["next_cursor"]
    assert sorted(seen) == [f"Walk {n}" for n in range(5)] and pages == 3
    assert body["previous_cursor"] is not None
    bad = guest_api.get("/api/v1/works?cursor=bm9wZQ")
    assert bad.status_code == 400 and "cursor" in error_of(bad)["message"]


def test_a_tag_shows_its_wrangling_and_finds_works_of_its_synonyms(
    guest_api, author, django_capture_on_commit_callbacks
):
    WorkFactory(
        author=author, title="Tagged With Synonym", fandoms=("Holmes (TV)",),
        freeforms=("fluffy fluff",),
    )  # fmt: skip
    fluff = Tag.objects.create(name="Fluff", type=TagType.FREEFORM)
    holmes = Tag.objects.get(name="Holmes (TV)")
    related = Tag.objects.create(name="Holmes & Related Fandoms", type=TagType.FANDOM)
    with django_capture_on_commit_callbacks(execute=True):  # wrangling re-derives filter tags
        make_canonical([fluff, holmes, related])
        make_synonyms([Tag.objects.get(name="fluffy fluff")], fluff)
        add_meta_tag([holmes], related)
        add_parent([holmes], Tag.objects.get(name="TV Shows", type=TagType.MEDIA))
    body = guest_api.get("/api/v1/tags/Fluff").json()
    assert [t["name"] for t in body["synonyms"]] == ["fluffy fluff"] and body["canonical"]
    synonym = guest_api.get("/api/v1/tags/fluffy fluff").json()
    assert synonym["synonym_of"]["name"] == "Fluff"
    assert body["work_count"] == 1
    assert titles(guest_api.get("/api/v1/tags/Fluff/works").json()) == ["Tagged With Synonym"]
    fandom = guest_api.get("/api/v1/tags/Holmes (TV)").json()
    assert [t["name"] for t in fandom["meta_tags"]] == ["Holmes & Related Fandoms"]
    assert [t["name"] for t in fandom["parents"]] == ["TV Shows"]
    meta = guest_api.get("/api/v1/tags/Holmes *a* Related Fandoms/works").json()
    assert titles(meta) == ["Tagged With Synonym"]
    assert error_of(guest_api.get("/api/v1/tags/No Such Tag"))["status"] == 404


def test_series_lists_its_parts_in_order(guest_api, author):
    first, second = (
        WorkFactory(author=author, title="Part A"),
        WorkFactory(author=author, title="Part B"),
    )
    series = place_work_in_series(first, [author.default_pseud], SeriesPlacement(new_title="Saga"))
    place_work_in_series(second, [author.default_pseud], SeriesPlacement(series=series))
    body = guest_api.get(f"/api/v1/series/{series.pk}").json()
    assert body["title"] == "Saga" and [p["part"] for p in body["parts"]] == [1, 2]
    assert [p["work"]["title"] for p in body["parts"]] == ["Part A", "Part B"]
    assert body["creators"][0]["login"] == "author"


def test_users_pseuds_and_their_works(guest_api, author, outsider):
    WorkFactory(author=author, title="By Author")
    WorkFactory(author=outsider, title="By Outsider")
    user = guest_api.get("/api/v1/users/author").json()
    assert user["work_count"] == 1 and [p["name"] for p in user["pseuds"]] == ["author"]
    assert titles(guest_api.get("/api/v1/users/author/works").json()) == ["By Author"]
    assert guest_api.get("/api/v1/users/author/pseuds/author").json()["is_default"]
    assert titles(guest_api.get("/api/v1/users/author/pseuds/author/works").json()) == ["By Author"]
    assert guest_api.get("/api/v1/users/nobody").status_code == 404


def test_kudos_comments_and_bookmarks_of_a_work(guest_api, work, outsider, co_creator):
    Kudo.objects.create(work=work, user=outsider)
    Kudo.objects.create(work=work, guest_cookie="c" * 32)
    Comment.objects.create(work=work, user=outsider, body="<p>Lovely.</p>")
    Comment.objects.create(work=work, user=co_creator, body="<p>hidden</p>", hidden_by_creator=True)
    save_bookmark(outsider, work, notes="<p>Rec!</p>", tag_names=["Keep"], private=False, rec=True)
    save_bookmark(co_creator, work, notes="secret", tag_names=[], private=True, rec=False)
    assert guest_api.get(f"/api/v1/works/{work.pk}/kudos").json() == {
        "work_id": work.pk, "users": ["outsider"], "guests": 1,
    }  # fmt: skip
    comments = guest_api.get(f"/api/v1/works/{work.pk}/comments").json()
    assert [c["body"] for c in comments["comments"]] == ["<p>Lovely.</p>"]
    assert comments["comments"][0]["author"] == "outsider"
    marks = guest_api.get(f"/api/v1/works/{work.pk}/bookmarks").json()
    assert [(b["bookmarker"], b["tags"], b["rec"]) for b in marks["bookmarks"]] == [
        ("outsider", ["Keep"], True)
    ]
    mine = guest_api.get("/api/v1/users/outsider/bookmarks").json()
    assert mine["total"] == 1 and mine["bookmarks"][0]["work"]["title"] == work.title


def test_private_bookmarks_only_for_their_owner(guest_api, work, outsider):
    save_bookmark(outsider, work, notes="", tag_names=[], private=True, rec=False)
    assert guest_api.get("/api/v1/users/outsider/bookmarks").json()["total"] == 0
    own = token_client(outsider, ["read"]).get("/api/v1/users/outsider/bookmarks").json()
    assert own["total"] == 1 and own["bookmarks"][0]["private"] is True


def test_shelves_history_and_subscriptions_are_the_token_holders_own(work, outsider, author):
    later = WorkFactory(author=author, title="Read Later")
    put_on_shelf(outsider, later, "want")
    Subscription.objects.create(user=outsider, work=work)
    api = token_client(outsider, ["read"])
    assert api.get(f"/api/v1/works/{later.pk}").status_code == 200  # programs leave no history
    signed_in(outsider).get(work.get_absolute_url())  # reading on the web does
    shelf = api.get("/api/v1/me/shelves/want").json()
    assert titles(shelf) == ["Read Later"] and shelf["total"] == 1
    history = api.get("/api/v1/me/history").json()
    assert [r["work"]["title"] for r in history["readings"]] == [work.title]
    assert history["readings"][0]["visits"] == 1
    subscriptions = api.get("/api/v1/me/subscriptions").json()
    assert [(s["kind"], s["title"]) for s in subscriptions] == [("work", work.title)]
    assert error_of(api.get("/api/v1/me/shelves/attic"))["status"] == 404


def test_own_reading_needs_a_token_with_the_read_scope(guest_api, outsider):
    assert error_of(guest_api.get("/api/v1/me/history"))["status"] == 401
    kudos_only = token_client(outsider, ["kudos"])
    refused = kudos_only.get("/api/v1/me/history")
    assert refused.status_code == 403 and "read" in error_of(refused)["message"]
