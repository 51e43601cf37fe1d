"""The e-book image fetcher: public hosts only, on every hop of a redirect.

A loopback server stands in for a public host (the host rule is injected); a second one,
reached as "localhost", stands in for an address inside the archive's network.
"""

import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.urls import reverse

from fanfold.downloads.images import fetch_image
from fanfold.lib.fetching import FetchFailed, FetchRefused, allowed, fetch_public, public_host
from tests.downloads.fixtures import png
from tests.factories import WorkFactory


class _Server(ThreadingHTTPServer):
    def __init__(self, redirect_to: str = "") -> None:
        self.paths: list[str] = []
        self.agents: list[str] = []
        self.redirect_to = redirect_to
        super().__init__(("127.0.0.1", 0), _Handler)

    @property
    def port(self) -> int:
        return self.server_address[1]


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def do_GET(self) -> None:
        self.server.paths.append(self.path)
        self.server.agents.append(self.headers["User-Agent"])
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


@pytest.fixture
def hopping(internal) -> Iterator[_Server]:
    """A server whose /moved.png redirects to another allowed host."""
    yield from serving(_Server(redirect_to=f"http://127.0.0.1:{internal.port}/image.png"))


def fetch(url: str, max_bytes: int = 10_000) -> tuple[bytes, str]:
    return fetch_public(
        url, max_bytes=max_bytes, timeout=5, user_agent="Fanfold test", host_allowed=only_127_0_0_1
    )


def test_a_redirect_to_an_allowed_host_is_followed(hopping, internal):
    assert fetch(f"http://127.0.0.1:{hopping.port}/moved.png") == (png(), "image/png")
    assert hopping.paths == ["/moved.png"] and internal.paths == ["/image.png"]
    assert hopping.agents == internal.agents == ["Fanfold test"]


def test_a_refused_redirect_says_why(public, internal):
    with pytest.raises(FetchFailed, match=r"HTTP Error 302: redirect to a refused host$"):
        fetch(f"http://127.0.0.1:{public.port}/moved.png")
    assert internal.paths == []


def test_a_body_over_the_limit_is_refused_and_one_at_the_limit_is_kept(public):
    url = f"http://127.0.0.1:{public.port}/image.png"
    assert fetch(url, max_bytes=len(png()))[0] == png()
    with pytest.raises(FetchFailed, match=f"larger than the limit of {len(png()) - 1} bytes"):
        fetch(url, max_bytes=len(png()) - 1)


def test_only_http_and_https_addresses_with_a_host_are_fetched():
    def anyone(host: str) -> bool:
        return True

    assert allowed("https://archive.example/x.png", anyone)
    assert allowed("http://archive.example/x.png", anyone)
    assert not allowed("ftp://archive.example/x.png", anyone)
    assert not allowed("file:///etc/passwd", anyone)
    assert not allowed("http:///x.png", anyone)
    assert not allowed("https://archive.example/x.png", lambda host: host != "archive.example")
    with pytest.raises(FetchRefused, match="not on a public host"):
        fetch("ftp://127.0.0.1/x.png")


def test_a_host_is_public_only_when_every_address_it_has_is_global(monkeypatch):
    addresses = {
        "public.example": ["93.184.216.34", "2606:2800:220:1::1"],
        "split.example": ["93.184.216.34", "10.0.0.7"],
        "none.example": [],
    }

    def resolve(host, port):
        if host not in addresses:
            raise OSError("no such host")
        return [(2, 1, 6, "", (address, 0)) for address in addresses[host]]

    monkeypatch.setattr("socket.getaddrinfo", resolve)
    assert public_host("public.example")
    assert not public_host("split.example")
    assert not public_host("none.example")
    assert not public_host("unknown.example")


def test_a_host_that_never_answers_is_given_up_after_the_timeout():
    with socket.socket() as silent:  # accepts the connection, then says nothing
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        url = f"http://127.0.0.1:{silent.getsockname()[1]}/image.png"
        with pytest.raises(FetchFailed, match="timed out"):
            fetch_public(
                url, max_bytes=10, timeout=0.5, user_agent="t", host_allowed=only_127_0_0_1
            )
