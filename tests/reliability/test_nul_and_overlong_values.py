"""Values PostgreSQL refuses or Django will not redirect to are answered, never a 500 and never
half stored (found by `make soak`'s 200-example fuzz on PostgreSQL + Redis): a NUL inside an
uploaded file, and a saved filter too long to lead back to. A NUL in the address or a form field
is refused before any view (tests/archive/test_nul_characters.py)."""

from django.core.files.uploadedfile import SimpleUploadedFile

from fanfold.imports.models import PendingImport
from fanfold.search.models import SavedFilter
from tests.conftest import signed_in


def test_a_file_holding_nul_is_imported_without_it(author):
    client = signed_in(author)
    upload = SimpleUploadedFile("lanterns.txt", b"The lanterns\x00 were lit at dusk.\n")
    response = client.post("/works/import", {"file": upload}, follow=True)
    assert response.status_code == 200
    parsed = PendingImport.objects.get().parsed
    assert "The lanterns were lit at dusk." in parsed["chapters"][0]["body"]
    assert "\x00" not in str(parsed) and "\\u0000" not in str(parsed)


def test_a_filter_too_long_to_lead_back_to_is_not_saved(author):
    client = signed_in(author)
    query = "work_search%5Bquery%5D=" + "lantern+" * 3000
    response = client.post(
        "/saved_filters/new", {"name": "Long", "path": "/works", "query": query}, follow=True
    )
    assert response.status_code == 200
    assert "too long to save" in response.content.decode()
    assert not SavedFilter.objects.exists()
