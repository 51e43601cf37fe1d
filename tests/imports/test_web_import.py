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
