"""Making and caching download files: keyed by content, generated once under a lock."""

import hashlib
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from fanfold.downloads.book import Book
from fanfold.downloads.calibre import calibre_installed, convert_epub
from fanfold.downloads.epub import render_epub
from fanfold.downloads.html_file import render_html
from fanfold.downloads.images import fetch_image
from fanfold.downloads.pdf import render_pdf
from fanfold.moderation.models import SiteSettings

# Bump when a generator's output changes, so cached files are made again.
FORMAT_VERSION = "1"
MEDIA_TYPES = {
    "html": "text/html; charset=utf-8",
    "epub": "application/epub+zip",
    "pdf": "application/pdf",
    "azw3": "application/vnd.amazon.ebook",
    "mobi": "application/x-mobipocket-ebook",
}
LOCK_SECONDS = 300
WAIT_SECONDS = 10


class BeingPrepared(Exception):
    """Another request is making this file right now."""


@dataclass
class DownloadFile:
    name: str  # in default storage; "" when served from memory
    data: bytes | None
    version: str  # also the ETag
    media_type: str


def available_formats() -> list[str]:
    """What readers may download now: none while an admin has turned downloads off."""
    if not SiteSettings.current().downloads_enabled:
        return []
    return (
        ["azw3", "epub", "mobi", "pdf", "html"] if calibre_installed() else ["epub", "pdf", "html"]
    )


def make_download(book: Book, scope: str, extension: str) -> DownloadFile:
    """The file for `book` in `extension`; `scope` (e.g. "works/12") groups a book's versions."""
    html = render_html(book)
    version = hashlib.sha256(FORMAT_VERSION.encode() + html).hexdigest()[:24]
    if extension == "html":
        return DownloadFile("", html, version, MEDIA_TYPES["html"])
    name = f"downloads/{scope}/{version}.{extension}"
    if not default_storage.exists(name):
        _generate_once(name, lambda: _generate(book, html, extension))
        _forget_old_versions(scope, version)
    return DownloadFile(name, None, version, MEDIA_TYPES[extension])


def _generate(book: Book, html: bytes, extension: str) -> bytes:
    if extension == "pdf":
        return render_pdf(html, base_url=settings.SITE_URL)
    epub = render_epub(book, fetch_image)
    return epub if extension == "epub" else convert_epub(epub, extension)


def _generate_once(name: str, generate) -> None:
    """Concurrent requests for one uncached file: one generates, the others wait briefly."""
    lock = f"download-lock:{name}"
    if cache.add(lock, 1, LOCK_SECONDS):
        try:
            default_storage.save(name, ContentFile(generate()))
        finally:
            cache.delete(lock)
        return
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        time.sleep(0.2)
        if default_storage.exists(name):
            return
    raise BeingPrepared(name)


def _forget_old_versions(scope: str, current: str) -> None:
    folder = f"downloads/{scope}"
    for file_name in default_storage.listdir(folder)[1]:
        if not file_name.startswith(current):
            default_storage.delete(f"{folder}/{file_name}")
