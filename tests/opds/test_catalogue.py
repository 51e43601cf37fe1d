"""The OPDS 1.2 catalogue: valid against the OPDS and Atom RELAX NG schemas (Debian's jing), read by
a real OPDS client library (NYPL's opds-feed-parser on Node), and no wider than the viewer's sight."""

import base64
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.test import Client
from lxml import etree

from fanfold.api.tokens import issue_token
from fanfold.feedback.bookmarks import put_on_shelf
from fanfold.series.placement import SeriesPlacement, place_work_in_series
from tests.api.conftest import token_client
from tests.factories import WorkFactory

HERE = Path(__file__).parent
SCHEMA = HERE / "schema" / "opds.rnc"
CLIENT = HERE / "client"
ATOM = "{http://www.w3.org/2005/Atom}"
FEEDS = [
    "/opds",
    "/opds/works/new",
    "/opds/works/updated",
    "/opds/works/popular?page=1",
    "/opds/fandoms",
    "/opds/tags/Coast Tales",
    "/opds/series",
    "/opds/search?work_search[query]=Harbour",
    "/opds/works/updated?include_work_search[rating_ids][]=1&work_search[complete]=T",
]


@pytest.fixture
def catalogue(author):
    harbour = WorkFactory(
        author=author, title="Harbour Lights", fandoms=("Coast Tales",), freeforms=("Fog",),
        summary="<p>Lamps <em>and</em> fog.</p>",
    )  # fmt: skip
    WorkFactory(author=author, title="Members Only", fandoms=("Coast Tales",), restricted=True)
    WorkFactory(author=author, title="Hidden Away", fandoms=("Coast Tales",), hidden_by_admin=True)
    place_work_in_series(harbour, [author.default_pseud], SeriesPlacement(new_title="Coastline"))
    return harbour


def needs(present, what: str) -> None:
    """Skips on a developer's machine without the tool; under CI a missing tool is a failure."""
    if not present:
        message = f"{what} is not installed; run `make test-tools`."
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)


def basic(user, secret: str) -> Client:
    pair = base64.b64encode(f"{user.username}:{secret}".encode()).decode()
    return Client(HTTP_AUTHORIZATION=f"Basic {pair}")


def titles(document: bytes) -> list[str]:
    root = etree.fromstring(document)
    return [entry.findtext(f"{ATOM}title") for entry in root.iter(f"{ATOM}entry")]


def _save(tmp_path: Path, name: str, response) -> Path:
    path = tmp_path / f"{name}.xml"
    path.write_bytes(response.content)
    return path


def test_every_feed_is_valid_opds_and_atom(guest, catalogue, outsider, tmp_path):
    needs(shutil.which("jing"), "Debian's jing validates RELAX NG")
    files = []
    for number, url in enumerate(FEEDS):
        response = guest.get(url)
        assert response.status_code == 200, url
        assert response["Content-Type"].startswith("application/atom+xml;profile=opds-catalog")
        files.append(_save(tmp_path, f"feed{number}", response))
    files.append(
        _save(
            tmp_path,
            "series",
            guest.get(f"/opds/series/{catalogue.series_memberships.get().series_id}"),
        )
    )
    files.append(_save(tmp_path, "shelf", token_client(outsider).get("/opds/shelves/want")))
    checked = subprocess.run(
        ["jing", "-c", str(SCHEMA), *map(str, files)], capture_output=True, text=True, timeout=120
    )
    assert checked.returncode == 0, checked.stdout


def test_the_schema_check_catches_an_invalid_feed(tmp_path):
    needs(shutil.which("jing"), "Debian's jing validates RELAX NG")
    broken = tmp_path / "broken.xml"
    broken.write_text(
        '<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><updated>2024-01-01T00:00:00Z</updated>'
        '<link rel="http://opds-spec.org/acquisition/buy" href="http://a/b" type="text/html"/></feed>'
    )
    checked = subprocess.run(
        ["jing", "-c", str(SCHEMA), str(broken)], capture_output=True, text=True
    )
    assert checked.returncode != 0  # no atom:id, and a buy link without a price


def test_acquisition_entries_carry_every_download_format(guest, catalogue):
    root = etree.fromstring(guest.get("/opds/works/new").content)
    [entry] = [
        e for e in root.iter(f"{ATOM}entry") if e.findtext(f"{ATOM}title") == "Harbour Lights"
    ]
    links = {link.get("type"): link.get("href") for link in entry.iter(f"{ATOM}link")
             if link.get("rel") == "http://opds-spec.org/acquisition/open-access"}  # fmt: skip
    assert {"application/epub+zip", "application/pdf", "text/html"} <= set(links)
    assert entry.findtext(f"{ATOM}summary") == "Lamps and fog."
    assert {c.get("term") for c in entry.iter(f"{ATOM}category")} >= {"Coast Tales", "Fog"}
    epub = links["application/epub+zip"].removeprefix("http://127.0.0.1:8000")
    download = guest.get(epub)
    assert download.status_code == 200 and download.content[:2] == b"PK"


def test_guests_see_public_works_and_token_holders_restricted_ones_too(guest, outsider, catalogue):
    assert titles(guest.get("/opds/tags/Coast Tales").content) == ["Harbour Lights"]
    _, secret = issue_token(outsider, "reader app", ["read"])
    seen = titles(basic(outsider, secret).get("/opds/tags/Coast Tales").content)
    assert sorted(seen) == ["Harbour Lights", "Members Only"]


def test_marked_for_later_needs_credentials_and_shows_the_shelf(guest, outsider, catalogue):
    refused = guest.get("/opds/shelves/want")
    assert refused.status_code == 401 and refused["WWW-Authenticate"].startswith("Basic")
    put_on_shelf(outsider, catalogue, "want")
    assert titles(token_client(outsider, ["read"]).get("/opds/shelves/want").content) == [
        "Harbour Lights"
    ]


def test_basic_credentials_must_name_the_tokens_owner(outsider, author, catalogue):
    _, secret = issue_token(outsider, "reader app", ["read"])
    assert basic(author, secret).get("/opds").status_code == 401
    assert basic(outsider, "ff_wrong").get("/opds").status_code == 401
    write_only = issue_token(outsider, "kudos bot", ["kudos"])[1]
    assert basic(outsider, write_only).get("/opds").status_code == 401


def test_opensearch_description_points_at_the_search_feed(guest, catalogue):
    root = etree.fromstring(guest.get("/opds/opensearch.xml").content)
    namespace = "{http://a9.com/-/spec/opensearch/1.1/}"
    [url] = root.iter(f"{namespace}Url")
    assert url.get("template").endswith("/opds/search?work_search[query]={searchTerms}")
    search = guest.get("/opds/search?work_search[query]=Harbour").content
    assert titles(search) == ["Harbour Lights"]


def test_pages_link_onwards_with_the_filter_kept(guest, author, settings):
    settings.WORKS_PER_PAGE = 2
    for number in range(5):
        WorkFactory(author=author, title=f"Paged {number}")
    root = etree.fromstring(guest.get("/opds/works/new?work_search[complete]=T").content)
    rels = {link.get("rel"): link.get("href") for link in root.iter(f"{ATOM}link")}
    assert "page=2" in rels["next"] and "work_search%5Bcomplete%5D=T" in rels["next"]
    assert "page=3" in rels["last"]


def test_a_real_opds_client_reads_navigation_acquisition_and_facets(guest, catalogue, tmp_path):
    needs(
        (CLIENT / "node_modules").exists(), "the OPDS client library (npm ci in tests/opds/client)"
    )
    root = _save(tmp_path, "root", guest.get("/opds"))
    works = _save(tmp_path, "works", guest.get("/opds/works/new"))
    result = subprocess.run(
        ["node", str(CLIENT / "parse.js"), str(root), str(works)],
        capture_output=True, text=True, timeout=60, check=True,
    )  # fmt: skip
    navigation, acquisition = (json.loads(line) for line in result.stdout.splitlines())
    assert navigation["kind"] == "navigation"
    assert [e["title"] for e in navigation["entries"]][:3] == [
        "New works",
        "Recently updated",
        "Popular",
    ]
    assert acquisition["kind"] == "acquisition"
    [entry] = acquisition["entries"]
    assert entry["title"] == "Harbour Lights" and entry["authors"] == ["author"]
    kinds = {link["type"] for link in entry["links"] if "acquisition" in link["rel"]}
    assert {"application/epub+zip", "application/pdf", "text/html"} <= kinds
    facets = {
        (link["facetGroup"], link["title"])
        for link in acquisition["links"]
        if link["rel"] == "http://opds-spec.org/facet"
    }
    assert ("Sort", "Kudos") in facets and ("Rating", "General Audiences") in facets
    assert any(link["rel"] == "search" for link in acquisition["links"])
