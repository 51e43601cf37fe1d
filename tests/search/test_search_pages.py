"""The search pages through HTTP: works search (AO3's form, pasted AO3 URLs, the query language,
best match), people, tag and bookmark search, with visibility and anonymity respected."""

import re
import urllib.parse

import pytest

from fanfold.feedback.models import Bookmark
from fanfold.search.filtertags import mark_works_changed
from fanfold.series.models import Series, SeriesWork
from fanfold.tags.models import MetaTagging, Tag, TagType
from fanfold.works.models import Work
from tests.conftest import signed_in
from tests.factories import UserFactory, WorkFactory


def found(response) -> int:
    """The "N Found" heading AO3's pages (and the ao3-api package) read the total from."""
    match = re.search(r'<h3 class="heading">([\d,]+) Found</h3>', response.content.decode())
    assert match, response.content.decode()[:2000]
    return int(match.group(1).replace(",", ""))


def titles(response) -> list[str]:
    return re.findall(
        r'<h4 class="heading">\s*<a href="/works/\d+">([^<]+)</a>', response.content.decode()
    )


def search(client, query: str, **fields):
    params = {"work_search[query]": query} | {f"work_search[{k}]": v for k, v in fields.items()}
    return client.get("/works/search", params)


@pytest.fixture
def shelf(db, author):
    """Works whose distinct words sit in one field each."""
    Work.objects.filter(pk=WorkFactory(author=author, title="Harbour Lights").pk).update(
        kudos_count=50
    )
    WorkFactory(author=author, title="Second", summary="<p>A harbour at <em>dawn</em>.</p>")
    noted = WorkFactory(author=author, title="Third", freeforms=("Tea Shop",))
    Work.objects.filter(pk=noted.pk).update(
        notes="<p>Thanks to my beta</p>", end_notes="<p>Goodbye</p>"
    )
    series = Series.objects.create(title="Voyages Home")
    SeriesWork.objects.create(series=series, work=WorkFactory(author=author, title="Fourth"))
    mark_works_changed(Work.objects.values_list("id", flat=True))


def test_the_header_search_box_sends_the_any_field_query_to_works_search(client, db):
    page = client.get("/").content.decode()
    assert 'action="/works/search"' in page
    assert 'name="work_search[query]"' in page


def test_works_search_without_a_query_shows_ao3s_advanced_form(client, db):
    page = client.get("/works/search").content.decode()
    assert 'id="new_work_search"' in page
    for name in ("query", "title", "creators", "revised_at", "complete", "crossover", "single_chapter",
                 "word_count", "language_id", "fandom_names", "rating_ids", "character_names",
                 "relationship_names", "freeform_names", "hits", "kudos_count", "comments_count",
                 "bookmarks_count", "sort_column", "sort_direction"):  # fmt: skip
        assert f'name="work_search[{name}]"' in page, name
    assert 'name="work_search[archive_warning_ids][]"' in page
    assert 'name="work_search[category_ids][]"' in page
    assert '<option value="_score">Best Match</option>' in page


def test_any_field_searches_title_summary_notes_tags_series_and_creators(client, shelf):
    assert titles(search(client, "lights")) == ["Harbour Lights"]
    assert titles(search(client, "dawn")) == ["Second"]
    assert titles(search(client, "beta")) == ["Third"]
    assert titles(search(client, "goodbye")) == ["Third"]
    assert titles(search(client, '"tea shop"')) == ["Third"]
    assert titles(search(client, "voyages")) == ["Fourth"]
    assert found(search(client, "author")) == 4  # the creator's name
    assert found(search(client, "harbour")) == 2
    assert titles(search(client, "title:harbour")) == ["Harbour Lights"]
    assert titles(search(client, "summary:harbour")) == ["Second"]
    assert titles(search(client, "harbour kudos:>10")) == ["Harbour Lights"]
    assert titles(search(client, "harbour -lights")) == ["Second"]
    assert found(search(client, "harb*")) == 2


def test_the_form_fields_combine_like_ao3s(client, shelf):
    assert titles(search(client, "", title="harbour")) == ["Harbour Lights"]
    assert found(search(client, "", creators="author")) == 4
    assert titles(search(client, "harbour", kudos_count=">10")) == ["Harbour Lights"]
    assert titles(search(client, "", freeform_names="Tea Shop")) == ["Third"]
    response = search(client, "", kudos_count="lots")
    assert "Kudos: “kudos” needs a number" in response.content.decode()


def test_best_match_puts_title_matches_first_and_breaks_ties_by_id(client, author):
    ids = [WorkFactory(author=author, title=title, summary=summary).pk for title, summary in [
        ("Plain", "<p>a lantern</p>"), ("Lantern", "<p>nothing</p>"), ("Also Plain", "<p>a lantern</p>"),
    ]]  # fmt: skip
    mark_works_changed(ids)
    best = search(client, "lantern")
    assert titles(best) == ["Lantern", "Also Plain", "Plain"]
    assert '<option value="_score" selected>Best Match</option>' in best.content.decode()  # sidebar
    by_date = search(client, "lantern", sort_column="title_to_sort_on")
    assert titles(by_date) == ["Also Plain", "Lantern", "Plain"]


def test_synonyms_and_meta_tags_are_found_by_their_names(client, author):
    fluff = Tag.objects.create(name="Fluff", type=TagType.FREEFORM, canonical=True)
    Tag.objects.create(name="Cotton Candy", type=TagType.FREEFORM, merger=fluff)
    meta = Tag.objects.create(name="Big Saga (All Media)", type=TagType.FANDOM, canonical=True)
    film = Tag.objects.create(name="Big Saga (Film)", type=TagType.FANDOM, canonical=True)
    MetaTagging.objects.create(meta=meta, sub=film)
    WorkFactory(
        author=author, title="Tagged Fluff", freeforms=("Fluff",), fandoms=("Big Saga (Film)",)
    )
    assert titles(search(client, '"cotton candy"')) == ["Tagged Fluff"]
    assert titles(search(client, 'fandoms:"all media"')) == ["Tagged Fluff"]
    assert found(search(client, 'characters:"all media"')) == 0


def test_anonymous_creators_are_never_matched(client, author):
    WorkFactory(author=author, title="Signed")
    anonymous = WorkFactory(author=author, title="Unsigned")
    Work.objects.filter(pk=anonymous.pk).update(anonymous=True)
    mark_works_changed([anonymous.pk])
    assert titles(search(client, "author")) == ["Signed"]
    assert titles(search(client, "creators:author")) == ["Signed"]
    assert titles(search(signed_in(author), "author")) == ["Signed"]
    assert titles(search(client, "unsigned")) == ["Unsigned"]  # the work itself is found


def test_hidden_and_restricted_works_are_never_counted_for_those_who_cannot_see_them(
    client, author, outsider
):
    WorkFactory(author=author, title="Open Lantern")
    WorkFactory(author=author, title="Members Lantern", restricted=True)
    hidden = WorkFactory(author=author, title="Hidden Lantern")
    Work.objects.filter(pk=hidden.pk).update(hidden_by_admin=True)
    mark_works_changed([hidden.pk])
    assert titles(search(client, "lantern")) == ["Open Lantern"]
    assert "(1)" in search(client, "lantern").content.decode()  # facets count one work
    assert sorted(titles(search(signed_in(outsider), "lantern"))) == [
        "Members Lantern",
        "Open Lantern",
    ]
    assert found(search(signed_in(author), "lantern")) == 3


def test_a_malformed_query_says_what_is_wrong_and_still_shows_a_page(client, shelf):
    response = search(client, '"harbour lights')
    assert response.status_code == 200
    page = response.content.decode()
    assert "This quote is never closed" in page and "at character 1" in page
    assert found(response) == 4  # the query was left out, and the page says so
    assert "was left out of the search" in page
    response = search(client, "Re:Zero")
    assert response.status_code == 200
    assert "is not a field we know" in response.content.decode()


def test_search_within_results_on_a_listing_uses_the_query_language(client, author):
    WorkFactory(author=author, title="Red Sky", fandoms=("Sky Fandom",))
    WorkFactory(author=author, title="Blue Sky", fandoms=("Sky Fandom",))
    WorkFactory(author=author, title="Red Sea", fandoms=("Sea Fandom",))
    listing = client.get("/tags/Sky Fandom/works", {"work_search[query]": "red OR title:green"})
    assert (
        re.findall(r'<a href="/works/\d+">([^<]+)</a>', listing.content.decode()).count("Red Sky")
        == 1
    )
    assert "Red Sea" not in listing.content.decode()
    assert "Blue Sky" not in listing.content.decode()


AO3_FORM = (
    "commit=Search&work_search%5Bquery%5D={query}&work_search%5Btitle%5D=&work_search%5Bcreators%5D="
    "&work_search%5Brevised_at%5D=&work_search%5Bcomplete%5D={complete}&work_search%5Bcrossover%5D="
    "&work_search%5Bsingle_chapter%5D=0&work_search%5Bword_count%5D={words}"
    "&work_search%5Blanguage_id%5D=&work_search%5Bfandom_names%5D={fandoms}"
    "&work_search%5Brating_ids%5D={rating}&work_search%5Bcharacter_names%5D="
    "&work_search%5Brelationship_names%5D=&work_search%5Bfreeform_names%5D="
    "&work_search%5Bhits%5D=&work_search%5Bkudos_count%5D={kudos}&work_search%5Bcomments_count%5D="
    "&work_search%5Bbookmarks_count%5D=&work_search%5Bsort_column%5D={sort}"
    "&work_search%5Bsort_direction%5D=desc"
)


def ao3_url(query="", complete="", words="", fandoms="", rating="", kudos="", sort="_score") -> str:
    values = {k: urllib.parse.quote(v) for k, v in locals().items()}
    return "/works/search?" + AO3_FORM.format(**values)


def test_pasted_ao3_search_urls_work(client, author):
    explicit = WorkFactory(
        author=author, title="Night Garden", rating="Explicit", fandoms=("Garden Saga",)
    )
    Work.objects.filter(pk=explicit.pk).update(kudos_count=40, complete=True)
    day = WorkFactory(
        author=author, title="Day Garden", rating="General Audiences", fandoms=("Garden Saga",)
    )
    Work.objects.filter(pk=day.pk).update(complete=False)
    mark_works_changed([explicit.pk, day.pk])
    assert found(client.get(ao3_url())) == 2
    assert titles(client.get(ao3_url(rating="13"))) == ["Night Garden"]  # AO3's id of Explicit
    assert titles(client.get(ao3_url(query="garden", kudos=">10"))) == ["Night Garden"]
    assert titles(client.get(ao3_url(complete="T", fandoms="Garden Saga"))) == ["Night Garden"]
    assert found(client.get(ao3_url(words="<1"))) == 0
    sorted_by_kudos = client.get(ao3_url(query="garden", sort="kudos_count"))
    assert titles(sorted_by_kudos) == ["Night Garden", "Day Garden"]
    filter_url = (
        "/works/search?include_work_search%5Brating_ids%5D%5B%5D=13&work_search%5Bquery%5D="
    )
    assert titles(client.get(filter_url)) == ["Night Garden"]
    in_query = client.get("/works/search", {"work_search[query]": 'rating:"Explicit" kudos>10'})
    assert titles(in_query) == ["Night Garden"]


def test_a_new_work_shows_in_search_on_the_next_request(client, author):
    assert found(search(client, "zephyr")) == 0
    WorkFactory(author=author, title="Zephyr")
    assert found(search(client, "zephyr")) == 1


def test_people_search_counts_only_the_works_each_viewer_may_see(client, author, outsider):
    WorkFactory(author=author, title="Open")
    WorkFactory(author=author, title="Members", restricted=True)
    anonymous = WorkFactory(author=author, title="Nameless")
    Work.objects.filter(pk=anonymous.pk).update(anonymous=True)
    page = client.get("/people/search", {"people_search[name]": "auth"}).content.decode()
    assert '<h3 class="heading">1 Found</h3>' in page
    assert "1 work</a>" in page
    assert (
        "2 works</a>"
        in signed_in(outsider)
        .get("/people/search", {"people_search[name]": "author"})
        .content.decode()
    )
    assert (
        "3 works</a>"
        in signed_in(author)
        .get("/people/search", {"people_search[name]": "author"})
        .content.decode()
    )
    nobody = client.get("/people/search", {"people_search[name]": "zzz"}).content.decode()
    assert '<h3 class="heading">0 Found</h3>' in nobody


def test_tag_search_by_name_type_and_canonical_with_uses_per_viewer(client, author, outsider):
    canonical = Tag.objects.create(name="Moonlit Walks", type=TagType.FREEFORM, canonical=True)
    Tag.objects.create(name="moonlit strolls", type=TagType.FREEFORM, merger=canonical)
    WorkFactory(author=author, freeforms=("Moonlit Walks",), characters=("Moon Keeper",))
    WorkFactory(author=author, freeforms=("Moonlit Walks",), restricted=True)

    def listed(client, **asked):
        page = client.get(
            "/tags/search", {f"tag_search[{k}]": v for k, v in asked.items()}
        ).content.decode()
        return re.findall(
            r'class="tag" href="[^"]+">([^<]+)</a>.*?<span class="count">\((\d+)\)</span>', page
        )

    assert listed(client, name="moon*") == [
        ("Moon Keeper", "1"),
        ("moonlit strolls", "1"),
        ("Moonlit Walks", "1"),
    ]
    assert listed(client, name="moonlit", canonical="T") == [("Moonlit Walks", "1")]
    assert listed(signed_in(outsider), name="moonlit", canonical="T") == [("Moonlit Walks", "2")]
    assert listed(client, name="moon*", type="Character") == [("Moon Keeper", "1")]
    assert listed(client, name='"walks', type="Character") == []
    broken = client.get("/tags/search", {"tag_search[name]": '"walks'}).content.decode()
    assert "This quote is never closed" in broken


def test_bookmark_search_by_notes_tags_work_fields_and_date(client, author, outsider):
    shown = WorkFactory(author=author, title="Kept Letters")
    hidden = WorkFactory(author=author, title="Secret Letters")
    Work.objects.filter(pk=hidden.pk).update(hidden_by_admin=True)
    mark_works_changed([hidden.pk])
    reader = UserFactory(username="bookworm")
    public = Bookmark.objects.create(
        user=reader, work=shown, notes="<p>Lovely ending</p>", rec=True
    )
    public.tags.add(Tag.objects.create(name="Reread", type=TagType.FREEFORM))
    Bookmark.objects.create(user=reader, work=hidden, notes="<p>Lovely too</p>")
    Bookmark.objects.create(
        user=outsider, work=shown, notes="<p>Lovely, privately</p>", private=True
    )

    def bookmarks(client, **asked):
        response = client.get(
            "/bookmarks/search", {f"bookmark_search[{k}]": v for k, v in asked.items()}
        )
        return found(response)

    assert bookmarks(client, bookmark_query="lovely") == 1
    assert bookmarks(client, bookmark_query="reread") == 1
    assert bookmarks(client, other_bookmark_tag_names="Reread") == 1
    assert bookmarks(client, bookmarkable_query="letters") == 1  # not the hidden work's
    assert bookmarks(client, bookmarker="bookworm", rec="1") == 1
    assert bookmarks(signed_in(outsider), bookmark_notes="privately") == 1
    assert bookmarks(client, bookmark_notes="privately") == 0
    assert bookmarks(client, date="< 2 days") == 1
    assert bookmarks(client, date="> 2 days") == 0
    page = client.get("/bookmarks/search", {"bookmark_search[date]": "soon"}).content.decode()
    assert "Date bookmarked: “soon” is not a date we can read" in page
