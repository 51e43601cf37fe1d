"""Importing through the web: review every field of one work, or a zip in the background."""

import io
import zipfile
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from fanfold.imports.models import PendingImport
from fanfold.works.listing import with_details
from fanfold.works.models import Work

FIXTURES = Path(__file__).with_name("fixtures")
UPLOAD = reverse("imports:upload")


def upload(client, name: str, data: bytes, **extra):
    return client.post(UPLOAD, {"file": SimpleUploadedFile(name, data), **extra})


def test_guests_are_sent_to_log_in(guest, db):
    assert guest.get(UPLOAD).status_code == 302


def test_one_file_is_reviewed_with_every_field_editable_then_imported(outsider, outsider_client):
    response = upload(
        outsider_client, "ledger.txt", (FIXTURES / "ao3_flat_multichapter.txt").read_bytes()
    )
    pending = PendingImport.objects.get()
    assert response.url == reverse("imports:review", args=[pending.pk])
    page = outsider_client.get(response.url).content.decode()
    assert (
        'value="The Lighthouse Ledger"' in page
        and 'value="Found Family, Lighthouses, Letters"' in page
    )
    assert "Paragraph breaks were missing" in page and "2 chapters" in page
    form = {
        "title": "The Lighthouse Ledger (revised)", "pseuds": [outsider.default_pseud.pk],
        "rating": "General Audiences", "warnings": ["No Archive Warnings Apply"], "categories": ["Gen"],
        "fandoms": "The Lanternkeepers (Original Work)", "freeforms": "Found Family, Winter",
        "language": "en", "expected_chapters": "3", "comment_permission": "users",
        "summary": "A better summary.", "restricted": "on", "post": "Post",
    }  # fmt: skip
    response = outsider_client.post(reverse("imports:review", args=[pending.pk]), form)
    work = with_details(Work.objects.all()).get()
    assert response.url == work.get_absolute_url()
    assert work.title == "The Lighthouse Ledger (revised)" and work.restricted
    assert [t.name for t in work.freeforms] == ["Found Family", "Winter"]
    assert work.summary == "<p>A better summary.</p>" and work.chapters.count() == 2
    assert str(work.published_on) == "2019-04-02"


def test_someone_elses_pending_import_is_not_found(outsider_client, author_client):
    upload(outsider_client, "ledger.txt", (FIXTURES / "ao3_flat_single.txt").read_bytes())
    pending = PendingImport.objects.get()
    assert author_client.get(reverse("imports:review", args=[pending.pk])).status_code == 404


def test_a_zip_is_imported_in_the_background_with_progress(outsider, outsider_client):
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("one.txt", (FIXTURES / "ao3_flat_single.txt").read_text())
        zipped.writestr("two.txt", (FIXTURES / "ao3_flat_multichapter.txt").read_text())
        zipped.writestr("broken.epub", b"not a zip")
    response = upload(outsider_client, "many.zip", archive.getvalue(), as_draft="on")
    assert Work.objects.count() == 2 and not Work.objects.filter(posted=True).exists()
    page = outsider_client.get(response.url).content.decode()
    assert "Paper Boats" in page and "The Lighthouse Ledger" in page
    assert 'broken.epub: <span class="errors">failed: not an EPUB' in page


def error_on_form(response) -> str:
    """The upload form shown again, with its file error."""
    assert response.status_code == 200
    page = response.content.decode()
    assert 'enctype="multipart/form-data"' in page
    return page


def test_an_unsupported_or_binary_file_is_named_on_the_upload_form_again(outsider_client):
    page = error_on_form(upload(outsider_client, "cover.png", b"\x89PNG\r\n\x1a\n\x00\x00"))
    assert "cover.png: “.png” files cannot be imported." in page
    page = error_on_form(upload(outsider_client, "story.txt", b"\xff\xfe\x00\x81binary"))
    assert "story.txt: not UTF-8 text." in page
    assert not PendingImport.objects.exists()


def test_a_fake_pdf_is_refused_as_not_a_pdf(outsider_client):
    page = error_on_form(upload(outsider_client, "story.pdf", b"Title: Not really a PDF\n\nHello."))
    assert "story.pdf: not a PDF file (it does not start with %PDF)." in page


def test_review_leaves_an_unnamed_fandom_empty_and_previews_the_first_chapter(outsider_client):
    text = "The Tide Clock\n\nThe clock by the harbour ran on tides, not hours.\n\nNobody minded."
    response = upload(outsider_client, "tide_clock.txt", text.encode())
    page = outsider_client.get(response.url).content.decode()
    assert "Unknown Fandom" not in page
    assert 'name="fandoms" value=' not in page
    assert "The file names no fandom" in page
    assert "The clock by the harbour ran on tides, not hours." in page
