"""Real readers' tools (FanFicFare, ao3-api) against a live Fanfold.

Both tools build https://archiveofourown.org URLs and read AO3's markup. Here archiveofourown.org
is re-pointed at the live test server inside requests' transport, like a hosts-file entry with
TLS taken off: the tools themselves, their URL building and their parsing run unchanged.
"""

import json

import pytest
from fanficfare import cli
from requests.adapters import HTTPAdapter

from tests.factories import PASSWORD, UserFactory

AO3 = "https://archiveofourown.org"


@pytest.fixture
def ao3_is_fanfold(live_server, transactional_db, monkeypatch):
    """Requests to archiveofourown.org reach the live server; cookies stay AO3's, as for AO3."""
    send = HTTPAdapter.send

    def send_to_fanfold(adapter, request, **kwargs):
        if not request.url.startswith(AO3):
            return send(adapter, request, **kwargs)
        local = request.copy()
        local.url = live_server.url + request.url[len(AO3) :]
        response = send(adapter, local, **kwargs)
        # The tool sees AO3's URL, so redirects and cookies resolve against AO3 as they would.
        response.url, response.request = request.url, request
        return response

    monkeypatch.setattr(HTTPAdapter, "send", send_to_fanfold)
    return live_server


@pytest.fixture
def writer(transactional_db):
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
