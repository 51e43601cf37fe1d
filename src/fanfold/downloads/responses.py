"""HTTP for downloads: names (RFC 6266), ETag and Last-Modified, and byte ranges."""

import datetime
import re
from urllib.parse import quote

from django.core.files.storage import default_storage
from django.http import HttpRequest, HttpResponse
from django.utils.http import http_date, quote_etag

from fanfold.downloads.service import DownloadFile

_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")
# Downloads are files, never pages: nothing in them may run, even if opened from here.
DOWNLOAD_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src https: data:; sandbox"


def _content(download: DownloadFile) -> bytes:
    if download.data is not None:
        return download.data
    with default_storage.open(download.name, "rb") as stored:
        return stored.read()


def download_response(
    request: HttpRequest,
    download: DownloadFile,
    file_name: str,
    title: str,
    last_modified: datetime.datetime | None,
    public: bool,
) -> HttpResponse:
    etag = quote_etag(download.version)
    if etag in request.headers.get("If-None-Match", ""):
        response = HttpResponse(status=304)
    else:
        response = _ranged(request, _content(download), download.media_type)
    response["ETag"] = etag
    if last_modified:
        response["Last-Modified"] = http_date(last_modified.timestamp())
    response["Cache-Control"] = "public, max-age=3600" if public else "private, max-age=3600"
    response["Accept-Ranges"] = "bytes"
    response["Content-Disposition"] = (
        f"attachment; filename=\"{file_name}\"; filename*=UTF-8''{quote(title + file_name[file_name.rindex('.') :])}"
    )
    response["Content-Security-Policy"] = DOWNLOAD_CSP
    return response


def _ranged(request: HttpRequest, data: bytes, media_type: str) -> HttpResponse:
    """A single `bytes=a-b` range gets 206; anything else gets the whole file."""
    match = _RANGE.match(request.headers.get("Range", "").strip())
    if not match or match.groups() == ("", ""):
        return HttpResponse(data, content_type=media_type)
    start_text, end_text = match.groups()
    size = len(data)
    if start_text:
        start, end = int(start_text), min(int(end_text or size - 1), size - 1)
    else:  # the last N bytes
        start, end = max(size - int(end_text), 0), size - 1
    if start > end or start >= size:
        response = HttpResponse(status=416)
        response["Content-Range"] = f"bytes */{size}"
        return response
    response = HttpResponse(data[start : end + 1], status=206, content_type=media_type)
    response["Content-Range"] = f"bytes {start}-{end}/{size}"
    return response
