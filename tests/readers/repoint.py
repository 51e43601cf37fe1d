"""archiveofourown.org re-pointed at a Fanfold server inside requests' transport.

Like a hosts-file entry with TLS taken off: FanFicFare and ao3-api build AO3's URLs and parse
AO3's pages unchanged, and their requests reach Fanfold. By hand, against `make run`:

    .venv/bin/python -m tests.readers.repoint http://127.0.0.1:8000 \
        -o is_adult=true https://archiveofourown.org/works/2
"""

import sys
from collections.abc import Callable

from requests.adapters import HTTPAdapter

AO3 = "https://archiveofourown.org"


def send_ao3_to(base_url: str, send: Callable) -> Callable:
    """A replacement for HTTPAdapter.send that serves AO3's URLs from `base_url`."""

    def send_to_fanfold(adapter, request, **kwargs):
        if not request.url.startswith(AO3):
            return send(adapter, request, **kwargs)
        local = request.copy()
        local.url = base_url + request.url[len(AO3) :]
        # One request per connection, as through a proxy: no server thread outlives its answer.
        local.headers["Connection"] = "close"
        response = send(adapter, local, **kwargs)
        # The tool sees AO3's URL, so redirects and cookies resolve against AO3 as they would.
        response.url, response.request = request.url, request
        return response

    return send_to_fanfold


if __name__ == "__main__":
    from fanficfare import cli

    base_url, *arguments = sys.argv[1:]
    HTTPAdapter.send = send_ao3_to(base_url, HTTPAdapter.send)  # type: ignore[method-assign]
    cli.main(arguments)
