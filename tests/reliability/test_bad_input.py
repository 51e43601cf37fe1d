"""Every form and listing fed hypothesis-generated hostile fields through the HTTP client:
never a server error, and an answer that is not a success leaves every table as it was.

FANFOLD_FUZZ_EXAMPLES sets the examples per form (small in `make test`, large in `make soak`)."""

import os
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import quote, quote_from_bytes

import pytest
from django.apps import apps
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fanfold.series.models import Series
from tests.factories import READING_SETTINGS, WorkFactory
from tests.works.test_chapters import chapter_form
from tests.works.test_post_work import work_form

EXAMPLES = int(os.environ.get("FANFOLD_FUZZ_EXAMPLES", "6"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
SUCCESS = {301, 302, 303}

NASTY = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "\u202eevil.exe\u202c",  # right-to-left override
    "\u200f\u200e\ufeff",
    "x" * 100_000,
    "<script>alert(1)</script>",
    "javascript:alert(1)",
    "-1",
    "0",
    "99999999999999999999",
    "9" * 5000,
    "²",
    "1e309",
    "NaN",
    "../../etc/passwd",
    "%00",
    "💥" * 1000,
    ",".join(f"tag {n}" for n in range(3000)),  # a huge tag list
]
text_values = st.one_of(st.sampled_from(NASTY), st.text(max_size=300))
raw_values = st.one_of(
    text_values.map(lambda text: text.encode()),
    st.binary(max_size=300),  # invalid UTF-8 included
    st.sampled_from([b"\xff\xfe", b"\xc3\x28", b"\xed\xa0\x80"]),
)


def row_counts() -> dict[str, int]:
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


def form_body(data: dict, overrides: dict[str, bytes]) -> str:
    """The urlencoded body a browser would send, with some fields' raw bytes replaced."""
    pairs: list[tuple[str, bytes]] = []
    for name, value in data.items():
        if name in overrides:
            continue
        values = value if isinstance(value, list) else [value]
        pairs += [(name, str(item).encode()) for item in values]
    pairs += list(overrides.items())
    return "&".join(f"{quote(name)}={quote_from_bytes(value)}" for name, value in pairs)


@dataclass
class Form:
    who: str  # "author", "outsider" or "guest"
    url: Callable[[dict], str]
    data: Callable[[dict], dict]
    success_text: str = ""  # a form that answers success with a page rather than a redirect

    def succeeded(self, response) -> bool:
        if self.success_text:
            return self.success_text in response.content.decode()
        return response.status_code in SUCCESS


FORMS = {
    "post work": Form("author", lambda w: "/works/new", lambda w: work_form(w["author"])),
    "edit work": Form(
        "author", lambda w: f"/works/{w['work'].pk}/edit", lambda w: work_form(w["author"])
    ),
    "post chapter": Form(
        "author", lambda w: f"/works/{w['work'].pk}/chapters/new", lambda w: chapter_form()
    ),
    "edit series": Form(
        "author",
        lambda w: f"/series/{w['series'].pk}/edit",
        lambda w: {"title": "Tides", "summary": "About", "notes": "", "complete": "on"},
    ),
    "comment": Form(
        "outsider", lambda w: f"/works/{w['work'].pk}/comments", lambda w: {"body": "Lovely."}
    ),
    "guest comment": Form(
        "guest",
        lambda w: f"/works/{w['work'].pk}/comments",
        lambda w: {"body": "Lovely.", "guest_name": "Visitor", "guest_email": "v@example.org"},
    ),
    "bookmark": Form(
        "outsider",
        lambda w: f"/works/{w['work'].pk}/bookmarks/new",
        lambda w: {"notes": "Good", "tags": "cosy, rain", "rec": "on"},
    ),
    "pseud": Form(
        "author",
        lambda w: "/users/author/pseuds/new",
        lambda w: {"name": "Quill", "description": "Another name", "icon_alt_text": ""},
    ),
    "preferences": Form(
        "author",
        lambda w: "/users/author/preferences",
        lambda w: {
            "skin": "dark",
            "time_zone": "Asia/Tokyo",
            "muted": "Angst",
            "keep_history": "on",
            **READING_SETTINGS,
        },
    ),
    "sign up": Form(
        "guest",
        lambda w: "/signup",
        lambda w: {
            "username": "newreader",
            "email": "new@example.org",
            "password1": "a-long-harbour-pass-91",
            "password2": "a-long-harbour-pass-91",
            "age_over_13": "on",
            "accepts_terms": "on",
        },
        success_text="Almost there!",
    ),
    "sign in": Form(
        "guest",
        lambda w: "/users/login",
        lambda w: {"username": "author", "password": "quiet-lantern-harbour-42"},
    ),
    "abuse report": Form(
        "outsider",
        lambda w: "/abuse_reports/new",
        lambda w: {"url": f"/works/{w['work'].pk}", "reason": "spam", "details": "Sells watches."},
        success_text="is in the moderators' queue",
    ),
    "saved filter": Form(
        "outsider",
        lambda w: "/saved_filters/new",
        lambda w: {"name": "Complete", "path": "/works", "query": "work_search%5Bcomplete%5D=T"},
    ),
}


@pytest.fixture
def world(author, outsider):
    work = WorkFactory(author=author, title="The Harbour Light")
    series = Series.objects.create(title="Tides")
    series.creators.add(author.default_pseud)
    clients = {"author": Client(), "outsider": Client(), "guest": Client()}
    clients["author"].force_login(author)
    clients["outsider"].force_login(outsider)
    clients["guest"].get("/")  # the site settings row is made on the first page, by design
    return {"author": author, "work": work, "series": series, "clients": clients}


@pytest.mark.parametrize("form_name", sorted(FORMS))
def test_hostile_fields_never_break_a_form_or_leave_half_a_write(world, form_name):
    form = FORMS[form_name]
    fields = sorted(form.data(world))

    @FUZZ
    @given(overrides=st.dictionaries(st.sampled_from(fields), raw_values, min_size=1))
    def check(overrides):
        cache.clear()  # rate limits would otherwise answer every later example
        before = row_counts()
        response = world["clients"][form.who].post(
            form.url(world),
            form_body(form.data(world), overrides),
            content_type="application/x-www-form-urlencoded",
        )
        assert response.status_code < 500, (form_name, overrides)
        if not form.succeeded(response):
            after = row_counts()
            assert after == before, (
                form_name,
                response.status_code,
                {k: (before[k], v) for k, v in after.items() if before[k] != v},
            )

    check()


UPLOAD_NAMES = st.sampled_from(
    [
        "story.html",
        "story.txt",
        "story.epub",
        "story.docx",
        "story.md",
        "works.zip",
        "\u202etxt.html",
    ]
)


def test_hostile_uploads_never_break_the_import_form(world):
    client = world["clients"]["author"]

    @FUZZ
    @given(name=UPLOAD_NAMES, content=st.one_of(raw_values, st.binary(min_size=1, max_size=5000)))
    def check(name, content):
        cache.clear()
        before = row_counts()
        upload = SimpleUploadedFile(name, content)
        response = client.post("/works/import", {"file": upload})
        assert response.status_code < 500, (name, content[:80])
        if response.status_code not in SUCCESS:
            assert row_counts() == before, (name, response.status_code)

    check()


LISTING_KEYS = st.sampled_from(
    [
        "page",
        "work_search[sort_column]",
        "work_search[sort_direction]",
        "work_search[words_from]",
        "work_search[words_to]",
        "work_search[date_from]",
        "work_search[date_to]",
        "work_search[query]",
        "work_search[language_id]",
        "work_search[other_tag_names]",
        "work_search[excluded_tag_names]",
        "work_search[complete]",
        "work_search[crossover]",
        "include_work_search[fandom_ids][]",
        "exclude_work_search[rating_ids][]",
        "include_work_search[freeform_ids][]",
    ]
)
PAGE_NUMBERS = st.one_of(st.integers(), st.integers(min_value=2**62)).map(str)
LISTINGS = ["/works", "/tags/Test Fandom/works", "/users/author/works", "/works/feed.atom"]


def test_hostile_filters_and_page_numbers_never_break_a_listing(world):
    client = world["clients"]["outsider"]

    @FUZZ
    @given(
        url=st.sampled_from(LISTINGS),
        query=st.lists(
            st.tuples(LISTING_KEYS, st.one_of(text_values, PAGE_NUMBERS)), min_size=1, max_size=30
        ),
        many_ids=st.booleans(),
    )
    def check(url, query, many_ids):
        cache.clear()
        body = "&".join(f"{quote(key)}={quote(value)}" for key, value in query)
        if many_ids:  # two thousand tag ids in one filter
            body += "".join(f"&include_work_search%5Bfandom_ids%5D%5B%5D={n}" for n in range(2000))
        response = client.get(f"{url}?{body}")
        assert response.status_code in {200, 400, 404}, (url, query[:3])

    check()
