"""One policy decides who sees which work; every surface is checked against it.

The matrix: 8 kinds of work (posted, restricted, draft, hidden by an admin, in an unrevealed
collection, in an anonymous collection, in an unrevealed anonymous collection after both
reveals, an anonymous work given as a gift) × 6 viewers (guest, outsider, a user the author blocked, the author, an accepted
co-creator, an admin) × every surface that shows works (pages, listings, counts, search,
feeds, downloads, bookmarks, comments, kudos, series, user and pseud pages, sitemaps, OPDS,
collections with a fan's bookmark in one, the recipient's gifts page, and the API's works, chapters, listings with totals and facets, tags, series, users and feedback).
"""

from dataclasses import dataclass

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client
from django.urls import reverse

from fanfold.accounts.models import Block
from fanfold.collections import items
from fanfold.collections.models import CollectionItem
from fanfold.collections.reveal import reveal_creators, reveal_works
from fanfold.feedback.models import Bookmark, Comment
from fanfold.gifts.giving import set_recipients
from fanfold.series.placement import SeriesPlacement, place_work_in_series
from fanfold.works.models import Work
from fanfold.works.visibility import Access, visible_works_for, work_access
from tests.api.conftest import token_client
from tests.collections.conftest import make_collection
from tests.conftest import signed_in
from tests.factories import UserFactory, WorkFactory

KINDS = [
    "posted", "restricted", "draft", "hidden", "unrevealed", "anonymous", "revealed",
    "anonymous_gift",
]  # fmt: skip
ANONYMOUS = {"anonymous", "anonymous_gift"}
# The collection each kind's work is posted to (unrevealed and anonymous come from these).
COLLECTION_PREFERENCES = {
    "unrevealed": {"unrevealed": True},
    "anonymous": {"anonymous": True},
    "revealed": {"unrevealed": True, "anonymous": True},
    "anonymous_gift": {"anonymous": True},
}
VIEWERS = ["guest", "outsider", "blocked", "author", "co_creator", "admin"]
CREATORS = {"author", "co_creator"}

V, LOGIN, MYSTERY, GONE = Access.VISIBLE, Access.LOGIN_REQUIRED, Access.MYSTERY, Access.NOT_FOUND
# Who may read each kind of work: the whole policy in one table (rows: kinds; columns: VIEWERS).
TABLE = {
    "posted":     [V, V, V, V, V, V],
    "restricted": [LOGIN, V, V, V, V, V],
    "draft":      [GONE, GONE, GONE, V, V, GONE],
    "hidden":     [GONE, GONE, GONE, V, V, V],
    "unrevealed": [MYSTERY, MYSTERY, MYSTERY, V, V, V],
    "anonymous":  [V, V, V, V, V, V],
    "revealed":   [V, V, V, V, V, V],
    "anonymous_gift": [V, V, V, V, V, V],
}  # fmt: skip
EXPECTED = {
    (kind, viewer): TABLE[kind][column] for kind in KINDS for column, viewer in enumerate(VIEWERS)
}


def make_work(kind: str, author, co_creator, fan, curator):
    fields = {
        "restricted": {"restricted": True},
        "draft": {"posted": False},
        "hidden": {"hidden_by_admin": True},
    }.get(kind, {})
    work = WorkFactory(
        author=author,
        title=f"Secret {kind.title()} Title",
        summary=f"<p>Secret {kind} summary</p>",
        fandoms=("Matrix Fandom",),
        freeforms=("Matrix Tag",),
        **fields,
    )
    work.creatorships.create(pseud=co_creator.default_pseud, position=1)
    place_work_in_series(work, [author.default_pseud], SeriesPlacement(new_title=f"{kind} series"))
    bookmark = Bookmark.objects.create(user=fan, work=work, notes="<p>a fan's note</p>")
    Comment.objects.create(work=work, user=fan, body="<p>a fan's comment</p>")
    shelf = make_collection(curator, "Matrix_Shelf")
    items.add_bookmark(shelf, bookmark, fan)
    if kind in COLLECTION_PREFERENCES:
        challenge = make_collection(curator, f"Matrix_{kind}", **COLLECTION_PREFERENCES[kind])
        items.add_work(challenge, work, author)
    if kind == "revealed":
        reveal_works(challenge, curator)
        reveal_creators(challenge, curator)
    if kind == "anonymous_gift":
        set_recipients(work, [fan.default_pseud])
    return Work.objects.get(pk=work.pk)


@pytest.fixture
def fan(db):
    return UserFactory(username="fan")


@pytest.fixture
def curator(db):
    return UserFactory(username="curator")


@pytest.fixture
def viewers(author, co_creator, outsider, site_admin):
    blocked = UserFactory(username="blockeduser")
    Block.objects.create(blocker=author, blocked=blocked)
    return {
        "guest": AnonymousUser(), "outsider": outsider, "blocked": blocked, "author": author,
        "co_creator": co_creator, "admin": site_admin,
    }  # fmt: skip


@dataclass
class Case:
    """One cell of the matrix: a kind of work, made fresh, and a viewer's client."""

    kind: str
    viewer: str
    work: Work
    client: Client

    @property
    def access(self) -> Access:
        return EXPECTED[(self.kind, self.viewer)]

    @property
    def listed(self) -> bool:
        # Listings show exactly what may be read, and never drafts (they have their own page).
        return self.access is Access.VISIBLE and self.kind != "draft"


@pytest.fixture(params=KINDS)
def kind(request) -> str:
    return request.param


@pytest.fixture(params=VIEWERS)
def viewer(request) -> str:
    return request.param


@pytest.fixture
def case(kind, viewer, author, co_creator, fan, curator, viewers) -> Case:
    client = Client() if viewer == "guest" else signed_in(viewers[viewer])
    return Case(kind, viewer, make_work(kind, author, co_creator, fan, curator), client)


def test_policy_table(case, viewers):
    assert work_access(viewers[case.viewer], case.work) is case.access
    listed = visible_works_for(viewers[case.viewer]).filter(pk=case.work.pk).exists()
    assert listed == case.listed


def _work_surfaces(work) -> list[str]:
    chapter = work.chapters.get()
    series = work.series_memberships.get().series
    comment = work.comments.get()
    return [
        reverse("archive:home"),
        reverse("works:list"),
        reverse("works:list") + "?work_search[query]=Secret",
        reverse("works:search") + "?work_search[query]=Secret",
        reverse("works:search") + '?work_search[query]=summary:"secret"',
        reverse("search:bookmarks") + "?bookmark_search[bookmarkable_query]=Secret",
        reverse("search:tags") + "?tag_search[name]=Matrix",
        reverse("tags:works", args=["Matrix Fandom"]),
        reverse("tags:works", args=["Matrix Tag"]),
        reverse("tags:show", args=["Matrix Tag"]),
        reverse("series:show", args=[series.pk]),
        reverse("series:works", args=[series.pk]),
        work.get_absolute_url(),
        work.get_absolute_url() + "?view_full_work=true",
        chapter.get_absolute_url(),
        reverse("works:navigate", args=[work.pk]),
        reverse("search:works_feed"),
        reverse("search:tag_feed", args=["Matrix Tag"]),
        reverse("downloads:work", args=[work.pk, "Secret", "html"]),
        reverse("downloads:series", args=[series.pk, "Secret", "html"]),
        reverse("feedback:kudos_list", args=[work.pk]),
        reverse("feedback:work_bookmarks", args=[work.pk]),
        reverse("feedback:user_bookmarks", args=["fan"]),
        reverse("feedback:comment", args=[comment.pk]),
        reverse("archive:sitemap", args=["works"]),
        reverse("archive:sitemap", args=["series"]),
        reverse("opds:sorted", args=["updated"]),
        reverse("opds:search") + "?work_search[query]=Secret",
        reverse("opds:tag", args=["Matrix Tag"]),
        reverse("opds:series", args=[series.pk]),
        reverse("collections:index"),
        reverse("collections:show", args=["Matrix_Shelf"]),
        reverse("collections:bookmarks", args=["Matrix_Shelf"]),
        reverse("gifts:user", args=["fan"]),
        *_collection_surfaces(work),
    ]


def _collection_surfaces(work) -> list[str]:
    return [
        reverse(f"collections:{page}", args=[item.collection.name])
        for item in CollectionItem.objects.filter(work=work).select_related("collection")
        for page in ("show", "works", "bookmarks")
    ]


def _creator_surfaces() -> list[str]:
    return [
        reverse("accounts:profile", args=["author"]),
        reverse("accounts:user_works", args=["author"]),
        reverse("accounts:user_series", args=["author"]),
        reverse("accounts:pseud", args=["author", "author"]),
        reverse("accounts:pseud_works", args=["author", "author"]),
        reverse("search:works_feed") + "?work_search[query]=author",
        reverse("works:search") + "?work_search[query]=creators:author",
    ]


def _text(response) -> str:
    if hasattr(response, "streaming_content"):
        return b"".join(response.streaming_content).decode(errors="replace")
    return response.content.decode()


def test_no_surface_leaks_a_work_the_viewer_may_not_see(case):
    kind, viewer, work = case.kind, case.viewer, case.work
    secrets = (f"Secret {kind.title()} Title", f"Secret {kind} summary", f"/works/{work.pk}<")
    for url in _work_surfaces(work):
        page = _text(case.client.get(url, follow=True))
        if case.access is not Access.VISIBLE:
            leaked = [secret for secret in secrets if secret in page]
            assert not leaked, f"{viewer} saw the {kind} work at {url}"
        if kind in ANONYMOUS and viewer not in ("author", "admin"):
            assert "/users/author" not in page, f"{viewer} saw who wrote it at {url}"
    own_page = _text(case.client.get(work.get_absolute_url()))
    if case.access is Access.VISIBLE:
        assert f"Secret {kind.title()} Title" in own_page
    if case.access is Access.MYSTERY:
        assert "Mystery Work" in own_page
        collection_works = reverse("collections:works", args=[f"Matrix_{kind}"])
        assert "Mystery Work" in _text(case.client.get(collection_works))


def test_collections_list_exactly_the_works_and_bookmarks_the_viewer_may_see(case):
    shelf = case.client.get(reverse("collections:bookmarks", args=["Matrix_Shelf"]))
    assert shelf.context["page"].paginator.count == int(case.listed)
    if case.kind in COLLECTION_PREFERENCES:
        works = case.client.get(reverse("collections:works", args=[f"Matrix_{case.kind}"]))
        assert works.context["page"].paginator.count == int(case.listed)
        assert (works.context["mysteries"].paginator.count == 1) == (case.access is Access.MYSTERY)
    if case.kind == "anonymous_gift":
        gifts = _text(case.client.get(reverse("gifts:user", args=["fan"])))
        assert f"Secret {case.kind.title()} Title" in gifts
        if case.viewer not in ("author", "admin"):
            assert "/users/author" not in gifts


def test_creator_pages_show_only_what_the_viewer_may_connect_to_the_author(case):
    listed = case.listed
    if case.kind in ANONYMOUS:
        listed = case.viewer in ("author", "admin")
    for url in _creator_surfaces():
        page = _text(case.client.get(url))
        if not listed:
            assert f"Secret {case.kind.title()} Title" not in page, f"{case.viewer} at {url}"
            assert f"{case.kind} series" not in page, f"{case.viewer}: the series at {url}"
    works_page = case.client.get(reverse("accounts:user_works", args=["author"]))
    assert works_page.context["page"].paginator.count == int(listed)


def test_counts_and_facets_count_only_what_the_viewer_may_see(case):
    tag_page = reverse("tags:works", args=["Matrix Fandom"])
    for url in (
        reverse("works:list"),
        tag_page,
        reverse("works:list") + "?work_search[query]=Secret",
        reverse("works:search") + "?work_search[query]=Secret",
    ):
        response = case.client.get(url)
        if url == tag_page and not case.listed:
            # Only this work uses the tag: it exists for its creators alone.
            assert response.status_code == (200 if case.viewer in CREATORS else 404)
            if case.viewer not in CREATORS:
                continue
        assert response.context["page"].paginator.count == int(case.listed), url
        facet_counts = [
            choice.count
            for group in response.context["facet_groups"]
            for choice in group.choices
            if choice.tag.name == "Matrix Tag"
        ]
        assert facet_counts == ([1] if case.listed else []), url
    download = case.client.get(reverse("downloads:work", args=[case.work.pk, "Secret", "epub"]))
    if case.access is not Access.VISIBLE:
        assert download.status_code in (302, 404)


def test_guest_opening_a_restricted_work_gets_the_login_page_not_the_content(guest, author):
    work = WorkFactory(author=author, restricted=True, body="<p>members only text</p>")
    response = guest.get(work.get_absolute_url(), follow=True)
    page = response.content.decode()
    assert response.redirect_chain[0][0].startswith(reverse("accounts:login"))
    assert "This work is only available to registered users of the Archive." in page
    assert "members only text" not in page


def test_restricted_works_carry_ao3s_lock_image(outsider_client, author):
    work = WorkFactory(author=author, restricted=True)
    assert 'alt="(Restricted)"' in outsider_client.get(work.get_absolute_url()).content.decode()


def test_hidden_work_shows_its_creator_a_banner(author_client, author):
    work = WorkFactory(author=author, hidden_by_admin=True)
    page = author_client.get(work.get_absolute_url()).content.decode()
    assert "hidden by the archive's administrators" in page


def test_unrevealed_work_shows_its_creator_a_banner_and_revealing_shows_it(
    author, author_client, guest
):
    work = WorkFactory(author=author, title="Gift Exchange Story", unrevealed=True)
    assert (
        "readers see only “Mystery Work”"
        in author_client.get(work.get_absolute_url()).content.decode()
    )
    assert "Gift Exchange Story" not in guest.get(reverse("works:list")).content.decode()
    work.unrevealed = False
    work.save()
    assert "Gift Exchange Story" in guest.get(reverse("works:list")).content.decode()


# --- The API's surfaces: viewers are token holders (a token with the read scope) or guests. ---

API_STATUS = {Access.VISIBLE: 200, LOGIN: 401, MYSTERY: 404, GONE: 404}


def _api_client(case, viewers) -> Client:
    return Client() if case.viewer == "guest" else token_client(viewers[case.viewer], ["read"])


def _api_work_surfaces(work) -> list[str]:
    chapter = work.chapters.get()
    series = work.series_memberships.get().series
    return [
        "/api/v1/works",
        "/api/v1/works?work_search[query]=Secret",
        "/api/v1/tags/Matrix Fandom/works",
        "/api/v1/tags/Matrix Tag/works",
        f"/api/v1/works/{work.pk}",
        f"/api/v1/works/{work.pk}/chapters",
        f"/api/v1/works/{work.pk}/chapters/{chapter.pk}",
        f"/api/v1/works/{work.pk}/kudos",
        f"/api/v1/works/{work.pk}/bookmarks",
        f"/api/v1/works/{work.pk}/comments",
        f"/api/v1/series/{series.pk}",
        "/api/v1/users/fan/bookmarks",
    ]


def test_api_shows_only_what_the_token_holder_may_see(case, viewers):
    kind, viewer, work = case.kind, case.viewer, case.work
    client = _api_client(case, viewers)
    secrets = (f"Secret {kind.title()} Title", f"Secret {kind} summary", f'"/works/{work.pk}"')
    for url in _api_work_surfaces(work):
        answer = _text(client.get(url))
        if case.access is not Access.VISIBLE:
            leaked = [secret for secret in secrets if secret in answer]
            assert not leaked, f"{viewer} saw the {kind} work at {url}"
        if kind in ANONYMOUS and viewer not in ("author", "admin"):
            assert "/users/author" not in answer, f"{viewer} saw who wrote it at {url}"
    detail = client.get(f"/api/v1/works/{work.pk}")
    assert detail.status_code == API_STATUS[case.access], (kind, viewer)
    if case.access is Access.VISIBLE:
        assert detail.json()["title"] == f"Secret {kind.title()} Title"
    if case.access is Access.MYSTERY:
        assert "Mystery Work" in detail.json()["message"]


def test_api_totals_and_facets_count_only_what_the_token_holder_may_see(case, viewers):
    client = _api_client(case, viewers)
    for url in (
        "/api/v1/works",
        "/api/v1/tags/Matrix Fandom/works",
        "/api/v1/works?work_search[query]=Secret",
    ):
        answer = client.get(url)
        if "/tags/" in url and not case.listed:
            # Only this work uses the tag: it exists for its creators alone.
            assert answer.status_code == (200 if case.viewer in CREATORS else 404), url
            if case.viewer not in CREATORS:
                continue
        body = answer.json()
        assert body["total"] == int(case.listed), url
        facet_counts = [
            facet["count"]
            for facets in body["facets"].values()
            for facet in facets
            if facet["tag"]["name"] == "Matrix Tag"
        ]
        assert facet_counts == ([1] if case.listed else []), url
    tag = client.get("/api/v1/tags/Matrix Tag")
    assert tag.status_code == (200 if case.listed or case.viewer in CREATORS else 404)
    if tag.status_code == 200:
        assert tag.json()["work_count"] == int(case.listed)


def test_api_creator_listings_connect_only_what_the_token_holder_may(case, viewers):
    listed = case.listed
    if case.kind in ANONYMOUS:
        listed = case.viewer in ("author", "admin")
    client = _api_client(case, viewers)
    assert client.get("/api/v1/users/author").json()["work_count"] == int(listed)
    for url in ("/api/v1/users/author/works", "/api/v1/users/author/pseuds/author/works"):
        body = client.get(url).json()
        assert body["total"] == int(listed), (case.viewer, url)
