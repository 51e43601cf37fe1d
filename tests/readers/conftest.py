"""Real readers' tools (FanFicFare, ao3-api) against a live Fanfold: both build
https://archiveofourown.org URLs and read AO3's markup; repoint.py sends those requests to the
live test server, and nothing else of the tools is changed."""

import json

import pytest
from fanficfare import cli
from requests.adapters import HTTPAdapter

from tests.factories import PASSWORD, UserFactory
from tests.readers.repoint import send_ao3_to


@pytest.fixture
def ao3_is_fanfold(live_server, monkeypatch):
    """Requests to archiveofourown.org reach the live server; cookies stay AO3's, as for AO3."""
    monkeypatch.setattr(HTTPAdapter, "send", send_ao3_to(live_server.url, HTTPAdapter.send))
    return live_server


@pytest.fixture
def writer(db):
    return UserFactory(username="quillwright")


# What a reader's personal.ini would say; sleeping between requests and images are turned off.
PERSONAL_INI = f"""
[defaults]
include_images:false
never_make_cover:true
output_filename:story${{formatext}}

[archiveofourown.org]
slow_down_sleep_time:0
username:reader
password:{PASSWORD}
"""


@pytest.fixture
def fanficfare(ao3_is_fanfold, tmp_path, monkeypatch):
    """Runs FanFicFare's command line in tmp_path; returns the metadata it wrote beside the EPUB."""
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.chdir(tmp_path)
    (tmp_path / "personal.ini").write_text(PERSONAL_INI)

    def run(*arguments: str) -> dict:
        cli.main(["--non-interactive", "-c", "personal.ini", "--json-meta-file", *arguments])
        written = tmp_path / "story.epub.json"
        return json.loads(written.read_text()) if written.exists() else {}

    return run
