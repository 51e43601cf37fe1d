"""One policy decides who sees which work; every surface built so far is checked against it."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client
from django.urls import reverse

from fanfold.series.placement import SeriesPlacement, place_work_in_series
from fanfold.works.visibility import Access, visible_works_for, work_access
from tests.conftest import signed_in
from tests.factories import WorkFactory

KINDS = ["posted", "restricted", "draft", "hidden"]
VIEWERS = ["guest", "outsider", "author", "admin"]

# Who may read each kind of work: the whole policy in one table.
EXPECTED = {
    ("posted", "guest"): Access.VISIBLE,
    ("posted", "outsider"): Access.VISIBLE,
    ("posted", "author"): Access.VISIBLE,
    ("posted", "admin"): Access.VISIBLE,
    ("restricted", "guest"): Access.LOGIN_REQUIRED,
    ("restricted", "outsider"): Access.VISIBLE,
    ("restricted", "author"): Access.VISIBLE,
    ("restricted", "admin"): Access.VISIBLE,
    ("draft", "guest"): Access.NOT_FOUND,
    ("draft", "outsider"): Access.NOT_FOUND,
    ("draft", "author"): Access.VISIBLE,
    ("draft", "admin"): Access.NOT_FOUND,
    ("hidden", "guest"): Access.NOT_FOUND,
    ("hidden", "outsider"): Access.NOT_FOUND,
    ("hidden", "author"): Access.VISIBLE,
    ("hidden", "admin"): Access.VISIBLE,
}


def make_work(kind: str, author):
    title = f"Secret {kind.title()} Title"
    fields = {
        "posted": {},
        "restricted": {"restricted": True},
        "draft": {"posted": False},
        "hidden": {"hidden_by_admin": True},
    }[kind]
    work = WorkFactory(
        author=author,
        title=title,
        summary=f"<p>Secret {kind} summary</p>",
        fandoms=("Matrix Fandom",),
        freeforms=("Matrix Tag",),
        **fields,
    )
    place_work_in_series(work, [author.default_pseud], SeriesPlacement(new_title=f"{kind} series"))
    return work


@pytest.fixture
def viewers(author, outsider, site_admin):
    return {"guest": AnonymousUser(), "outsider": outsider, "author": author, "admin": site_admin}


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("viewer", VIEWERS)
def test_policy_table(kind, viewer, author, viewers):
    work = make_work(kind, author)
    assert work_access(viewers[viewer], work) is EXPECTED[(kind, viewer)]
    listed = visible_works_for(viewers[viewer]).filter(pk=work.pk).exists()
    # Listings show exactly what may be read, and never drafts (they have their own page).
    assert listed == (EXPECTED[(kind, viewer)] is Access.VISIBLE and kind != "draft")


def _surfaces(work, author) -> list[str]:
    chapter = work.chapters.get()
    series = work.series_memberships.get().series
    return [
        reverse("archive:home"),
        reverse("works:list"),
        reverse("tags:works", args=["Matrix Fandom"]),
        reverse("tags:works", args=["Matrix Tag"]),
        reverse("accounts:profile", args=[author.username]),
        reverse("accounts:user_works", args=[author.username]),
        reverse("accounts:user_series", args=[author.username]),
        reverse("accounts:pseud", args=[author.username, author.username]),
        reverse("accounts:pseud_works", args=[author.username, author.username]),
        reverse("series:show", args=[series.pk]),
        work.get_absolute_url(),
        chapter.get_absolute_url(),
        reverse("works:navigate", args=[work.pk]),
    ]


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("viewer", VIEWERS)
def test_no_surface_leaks_a_work_the_viewer_may_not_see(kind, viewer, author, viewers):
    work = make_work(kind, author)
    client = signed_in(viewers[viewer]) if viewer != "guest" else Client()
    may_see = EXPECTED[(kind, viewer)] is Access.VISIBLE
    for url in _surfaces(work, author):
        response = client.get(url, follow=True)
        page = response.content.decode()
        leaked = f"Secret {kind.title()} Title" in page or f"Secret {kind} summary" in page
        if not may_see:
            assert not leaked, f"{viewer} saw the {kind} work at {url}"
        if may_see and url == work.get_absolute_url():
            assert leaked, f"{viewer} could not read the {kind} work"


def test_counts_on_listings_count_only_what_the_viewer_may_see(author, guest, outsider_client):
    WorkFactory(author=author)
    WorkFactory(author=author, restricted=True)
    WorkFactory(author=author, posted=False)
    WorkFactory(author=author, hidden_by_admin=True)
    assert "1 – 1 of 1 Works" in guest.get(reverse("works:list")).content.decode()
    assert "1 – 2 of 2 Works" in outsider_client.get(reverse("works:list")).content.decode()
    profile = guest.get(reverse("accounts:profile", args=[author.username])).content.decode()
    assert "Recent works (1)" in profile


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
