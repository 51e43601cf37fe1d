"""The archive's own address in links read elsewhere, and the favicon every page asks for."""

import os
import subprocess
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse

from fanfold.archive.supervisor import Supervisor
from tests.factories import WorkFactory


@pytest.fixture(autouse=True)
def _downloads_in_a_temporary_folder(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_download_preface_links_the_address_the_reader_used_when_site_url_is_unset(
    guest, author, settings
):
    settings.SITE_URL_IS_SET = False
    work = WorkFactory(author=author)
    url = reverse("downloads:work", args=[work.pk, "name", "html"])
    page = b"".join(guest.get(url, HTTP_HOST="127.0.0.1:8123")).decode()
    assert f'<a href="http://127.0.0.1:8123/works/{work.pk}">' in page
    assert "127.0.0.1:8000" not in page


def test_download_preface_links_site_url_when_the_operator_set_it(guest, author, settings):
    settings.SITE_URL_IS_SET = True
    settings.SITE_URL = "https://archive.example"
    work = WorkFactory(author=author)
    url = reverse("downloads:work", args=[work.pk, "name", "html"])
    page = b"".join(guest.get(url, HTTP_HOST="127.0.0.1:8123")).decode()
    assert f'<a href="https://archive.example/works/{work.pk}">' in page


@pytest.fixture
def served(monkeypatch) -> list[list[str]]:
    """`fanfold serve` up to the point where it would start its children: their commands."""
    commands: list[list[str]] = []

    def run(supervisor) -> None:
        commands.extend(child.command for child in supervisor.children)

    monkeypatch.setattr(Supervisor, "run", run)
    return commands


def test_serve_makes_its_own_port_the_default_site_url(monkeypatch, served):
    monkeypatch.setenv("SITE_URL", "placeholder")
    monkeypatch.delenv("SITE_URL")
    call_command("serve", "--port", "8123", "--no-task-worker")
    assert served, "serve started nothing"
    assert os.environ["SITE_URL"] == "http://127.0.0.1:8123"


def test_serve_keeps_a_site_url_the_operator_set(monkeypatch, served):
    monkeypatch.setenv("SITE_URL", "https://archive.example")
    call_command("serve", "--port", "8123", "--no-task-worker")
    assert served, "serve started nothing"
    assert os.environ["SITE_URL"] == "https://archive.example"


ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("operator_site_url", "expected"),
    [(None, "http://127.0.0.1:8123"), ("https://archive.example", "https://archive.example")],
)
def test_make_run_gives_every_step_the_site_url_of_the_port_served(
    tmp_path, operator_site_url, expected
):
    """The demo runs before the server, so it must learn the port from the Makefile: its
    printed e-mails otherwise link to port 8000."""
    calls = tmp_path / "calls"
    cli = tmp_path / "fanfold"
    cli.write_text(f'#!/bin/sh\necho "$1 $SITE_URL" >> {calls}\n')
    cli.chmod(0o755)
    env = {k: v for k, v in os.environ.items() if k not in {"SITE_URL", "MAKEFLAGS", "MAKELEVEL"}}
    if operator_site_url:
        env["SITE_URL"] = operator_site_url
    # -o install: the recipe alone, without (re)building the virtualenv.
    subprocess.run(
        ["make", "-o", "install", "run", "PORT=8123", f"FANFOLD={cli}"],
        cwd=ROOT, env=env, check=True, capture_output=True,
    )  # fmt: skip
    steps = calls.read_text().splitlines()
    assert steps == [f"migrate {expected}", f"demo {expected}", f"serve {expected}"]


def test_every_page_finds_a_favicon(guest):
    response = guest.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    assert b"<svg" in b"".join(response)
