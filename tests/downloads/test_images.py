"""The e-book image fetcher: public hosts only, on every hop of a redirect.

A loopback server stands in for a public host (the host rule is injected); a second one,
reached as "localhost", stands in for an address inside the archive's network.
"""

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.urls import reverse

from fanfold.downloads.images import fetch_image
from tests.downloads.fixtures import png
from tests.factories import WorkFactory


class _Server(ThreadingHTTPServer):
    def __init__(self, redirect_to: str = "") -> None:
        self.paths: list[str] = []
        self.redirect_to = redirect_to
        super().__init__(("127.0.0.1", 0), _Handler)

    @property
    def port(self) -> int:
        return self.server_address[1]


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def do_GET(self) -> None:
        self.server.paths.append(self.path)
        if self.path == "/moved.png":
            self.send_response(302)
            self.send_header("Location", self.server.redirect_to)
            self.end_headers()
            return
        body = png()
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


def serving(server: _Server) -> Iterator[_Server]:
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def internal() -> Iterator[_Server]:
    yield from serving(_Server())


@pytest.fixture
def public(internal) -> Iterator[_Server]:
    yield from serving(_Server(redirect_to=f"http://localhost:{internal.port}/secret.png"))


@pytest.fixture
def fetching(settings):
    settings.DOWNLOAD_FETCH_IMAGES = True


def only_127_0_0_1(host: str) -> bool:
    return host == "127.0.0.1"


def test_an_image_from_an_allowed_host_is_fetched(fetching, public):
    fetched = fetch_image(f"http://127.0.0.1:{public.port}/image.png", only_127_0_0_1)
    assert fetched == (png(), "image/png")


def test_a_redirect_to_a_refused_host_is_not_followed(fetching, public, internal):
    assert fetch_image(f"http://127.0.0.1:{public.port}/moved.png", only_127_0_0_1) is None
    assert public.paths == ["/moved.png"] and internal.paths == []


@pytest.mark.parametrize(
    "host",
    ["127.0.0.1", "localhost", "[::1]", "10.1.2.3", "192.168.0.10", "169.254.169.254", "0.0.0.0"],  # noqa: S104
)
def test_the_default_rule_refuses_this_machine_and_private_networks(fetching, host):
    # Refused before any connection: pytest-socket would raise for the private ones.
    assert fetch_image(f"http://{host}/image.png") is None


def test_an_epub_download_leaves_out_an_image_on_this_machine(fetching, author, guest, public):
    work = WorkFactory(
        author=author,
        body=f'<p><img src="http://127.0.0.1:{public.port}/image.png" alt="a dot"></p>',
    )
    response = guest.get(reverse("downloads:work", args=[work.pk, "name", "epub"]))
    assert response.status_code == 200 and public.paths == []
