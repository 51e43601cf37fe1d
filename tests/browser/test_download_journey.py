"""A reader downloads a work from its page in a real browser."""

import io
import zipfile
from pathlib import Path

import pytest

from tests.factories import WorkFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture(autouse=True)
def _downloads_in_a_temporary_folder(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_reader_downloads_epub_and_html_from_the_work_page(page):
    work = WorkFactory(title="Paper Boats", body="<p>They folded boats from old letters.</p>")
    page.goto(work.get_absolute_url())
    with page.expect_download() as epub_download:
        page.locator("li.download").get_by_role("link", name="EPUB").click()
    epub = epub_download.value
    # Browsers prefer the UTF-8 title in filename* (RFC 6266) over the ASCII file name.
    assert epub.suggested_filename == "Paper Boats.epub"
    with zipfile.ZipFile(io.BytesIO(Path(epub.path()).read_bytes())) as book:
        assert "They folded boats from old letters." in book.read("OEBPS/chapter-1.xhtml").decode()
    with page.expect_download() as html_download:
        page.locator("li.download").get_by_role("link", name="HTML").click()
    assert "Posted originally on the" in Path(html_download.value.path()).read_text(
        encoding="utf-8"
    )
