"""Every page type, in every skin: axe-core finds nothing, and desktop and phone screenshots are
saved to test-artifacts/ for review (docs/testing.md)."""

import importlib
import json

import pytest
from django.apps import apps as django_apps
from django.core.management import call_command

from fanfold.accounts.models import Skin, User
from fanfold.demo.content import DEMO_PASSWORD
from fanfold.feedback import comments
from fanfold.feedback.bookmarks import save_bookmark
from fanfold.moderation.models import AbuseReport
from fanfold.moderation.reports import file_report
from fanfold.series.models import Series
from fanfold.tags.models import Tag
from fanfold.works.models import Work
from tests.browser.conftest import ARTIFACTS
from tests.browser.test_accessibility import axe_source, violations  # noqa: F401 - a fixture

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
# The volunteer sees every page (a superuser: moderation and wrangling too); the reader is plain.
VOLUNTEER = "archive_admin"
READER = "moorland_reader"


DATA_MIGRATIONS = (
    ("fanfold.tags.migrations.0002_fixed_tags", "create_fixed_tags"),
    ("fanfold.moderation.migrations.0002_roles", "create_groups"),
    ("fanfold.tags.migrations.0005_tag_wranglers_group", "create_group"),
    ("fanfold.api.migrations.0002_archivists_group", "create_group"),
)


def _migrated_data() -> None:
    """AO3's fixed tags and the volunteer groups come from data migrations, which a transactional
    test before this one may have flushed away; the migrations' own functions make them again."""
    kept = {config: config.models_module for config in django_apps.get_app_configs()}
    try:
        for module, function in DATA_MIGRATIONS:
            getattr(importlib.import_module(module), function)(django_apps, None)
    finally:  # the migrations toggle models_module, meant for their historical app registry
        for config, models_module in kept.items():
            config.models_module = models_module


def _corpus() -> dict[str, str]:
    _migrated_data()
    call_command("demo", verbosity=0)
    reader = User.objects.get(username=READER)
    multi = Work.objects.filter(chapter_count__gt=1).order_by("id").first()
    single = Work.objects.filter(chapter_count=1).order_by("id").first()
    author = single.creatorships.first().pseud.user
    comment = comments.post_comment(single, reader, "<p>Lovely lanterns.</p>", ip="")
    comments.post_comment(single, author, "<p>Thank you!</p>", ip="", parent=comment)
    save_bookmark(
        reader, single, notes="<p>Reread.</p>", tag_names=["cosy"], private=False, rec=True
    )
    file_report(single.get_absolute_url(), "spam", "Testing the queue.", reporter=reader)
    series = Series.objects.order_by("id").first()
    fandom = Tag.objects.filter(type="Fandom", canonical=True).order_by("id").first()
    return {
        "multi": multi.get_absolute_url(),
        "chapter": multi.chapters.order_by("position")[1].get_absolute_url(),
        "single": single.get_absolute_url(),
        "author": author.username,
        "pseud": author.default_pseud.get_absolute_url(),
        "series": series.get_absolute_url(),
        "tag": fandom.get_absolute_url(),
        "tag_works": fandom.works_url,
        "report": f"/moderation/reports/{AbuseReport.objects.get().pk}",
        "comment": comment.get_absolute_url(),
    }


def _guest_pages(c: dict[str, str]) -> dict[str, str]:
    return {
        "home": "/",
        "works-listing": "/works",
        "works-filtered": "/works?work_search[complete]=T&work_search[sort_column]=word_count",
        "tag": c["tag"],
        "tag-works": c["tag_works"],
        "fandoms": "/media",
        "work": c["single"],
        "work-multi-chapter": c["multi"],
        "work-entire": f"{c['multi']}?view_full_work=true",
        "chapter": c["chapter"],
        "chapter-index": f"{c['multi']}/navigate",
        "series": c["series"],
        "user": f"/users/{c['author']}",
        "user-works": f"/users/{c['author']}/works",
        "pseud": c["pseud"],
        "bookmarks": f"/users/{READER}/bookmarks",
        "work-search-form": "/works/search",
        "work-search-results": "/works/search?work_search[query]=lantern",
        "search-help": "/works/search/help",
        "people-search": "/people/search?people_search[name]=ink",
        "tag-search": "/tags/search?tag_search[name]=Holmes",
        "bookmark-search": "/bookmarks/search?bookmark_search[bookmarkable_query]=lantern",
        "login": "/users/login",
        "signup": "/users/signup",
        "report-form": "/abuse_reports/new",
        "terms": "/tos",
        "not-found": "/works/999999",
    }


def _volunteer_pages(c: dict[str, str]) -> dict[str, str]:
    me = f"/users/{VOLUNTEER}"
    return {
        "work-signed-in": c["single"],
        "work-bookmark-form": f"{c['single']}#bookmark-form",  # the in-page form, opened
        "comment-thread": c["comment"],
        "post-form": "/works/new",
        "import": "/works/import",
        "inbox": f"{me}/inbox",
        "preferences": f"{me}/preferences",
        "drafts": f"{me}/works/drafts",
        "history": f"{me}/readings",
        "subscriptions": f"{me}/subscriptions",
        "stats": f"{me}/stats",
        "saved-filters": "/saved_filters",
        "moderation-queue": "/moderation",
        "moderation-report": c["report"],
        "moderation-log": "/moderation/log",
        "moderation-user": f"/moderation/users/{c['author']}",
        "wrangling": "/tag_wranglings",
        "tag-edit": f"{c['tag']}/edit",
        "block-confirm": f"/users/{c['author']}/relation/block",
    }


def _sign_in(page, username: str) -> None:
    page.goto("/users/login")
    page.get_by_label("User name").fill(username)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Log In").click()
    page.get_by_role("link", name="Log Out").wait_for()


def _walk(page, pages: dict[str, str], axe: str, label: str, shots: bool, found: dict) -> None:
    for name, url in pages.items():
        page.goto(url)
        problems = violations(page, axe)
        # Nothing may widen the page past the screen (a phone would scroll sideways).
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > page.viewport_size["width"]:
            problems.append({"id": "wider-than-the-screen", "nodes": [f"{width}px"]})
        if problems:
            found[f"{label} {name} {url}"] = problems
        if shots:
            page.screenshot(path=str(ARTIFACTS / f"page-{name}-{label}.png"), full_page=True)


@pytest.fixture
def context_for(browser, live_server):
    contexts = []

    def make(viewport: dict):
        context = browser.new_context(base_url=live_server.url, viewport=viewport, bypass_csp=True)
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(20_000)
        return page

    yield make
    for context in contexts:
        context.close()


def test_every_page_type_in_every_skin_has_no_axe_violations(context_for, axe_source):  # noqa: F811
    ARTIFACTS.mkdir(exist_ok=True)
    corpus = _corpus()
    found: dict = {}
    for viewport_name, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
        page = context_for(viewport)
        _walk(page, _guest_pages(corpus), axe_source, f"guest-{viewport_name}", True, found)
        _sign_in(page, VOLUNTEER)
        _walk(page, _volunteer_pages(corpus), axe_source, f"light-{viewport_name}", True, found)
    volunteer = User.objects.get(username=VOLUNTEER)
    page = context_for(DESKTOP)
    _sign_in(page, VOLUNTEER)
    every_page = {**_guest_pages(corpus), **_volunteer_pages(corpus)}
    for skin in (Skin.DARK, Skin.HIGH_CONTRAST):
        volunteer.preference.skin = skin
        volunteer.preference.save()
        _walk(page, every_page, axe_source, f"{skin}-desktop", skin == Skin.DARK, found)
    (ARTIFACTS / "axe-violations.json").write_text(json.dumps(found, indent=1))
    assert found == {}
