"""A batch never dies: whatever one file raises becomes that file's "failed" line and the rest go on."""

import io
import json
import zipfile
from pathlib import Path

import pytest

from fanfold.imports import writer
from fanfold.imports.models import PendingImport
from fanfold.works.models import Work
from tests.imports.test_import_command import run
from tests.imports.test_web_import import upload

FIXTURES = Path(__file__).with_name("fixtures")


def _explode(*args, **kwargs):
    raise RuntimeError("parser bug on purpose")


@pytest.fixture
def writer_refuses_boats(monkeypatch):
    """Writing the work titled "Paper Boats" fails as a database error would; others are written."""
    real_save = writer.save_work_in_series

    def save_unless_boats(work, **kwargs):
        if work.title == "Paper Boats":
            raise ValueError("the database said no")
        return real_save(work, **kwargs)

    monkeypatch.setattr(writer, "save_work_in_series", save_unless_boats)


def _batch(folder: Path) -> Path:
    (folder / "one.txt").write_bytes((FIXTURES / "ao3_flat_single.txt").read_bytes())
    (folder / "boom.md").write_text("# A title\n\nSome words.\n")
    (folder / "two.txt").write_bytes((FIXTURES / "ao3_flat_multichapter.txt").read_bytes())
    return folder


def test_an_unexpected_parser_error_fails_one_file_and_the_batch_goes_on(
    outsider, tmp_path, monkeypatch
):
    monkeypatch.setattr("fanfold.imports.reading.parse_markdown", _explode)
    out, err, code = run("--as", "outsider", _batch(tmp_path))
    lines = out.splitlines()
    assert code == 1 and len(lines) == 3
    assert (
        f"failed: {tmp_path / 'boom.md'}: an unexpected error (RuntimeError: parser bug on purpose)"
        in lines
    )
    assert sum(line.startswith("imported: ") for line in lines) == 2
    assert "Traceback" not in err and "1 failed" in err and "2 imported" in err
    assert Work.objects.count() == 2


def test_dry_run_json_gives_failed_files_a_line_of_their_own(db, tmp_path, monkeypatch):
    monkeypatch.setattr("fanfold.imports.reading.parse_markdown", _explode)
    out, _, code = run("--dry-run", "--json", _batch(tmp_path))
    lines = [json.loads(line) for line in out.splitlines()]
    assert code == 1
    assert [line["source"] for line in lines] == [
        str(tmp_path / name) for name in ("boom.md", "one.txt", "two.txt")
    ]
    assert lines[0] == {
        "source": str(tmp_path / "boom.md"),
        "error": "an unexpected error (RuntimeError: parser bug on purpose)",
    }
    assert [line["title"] for line in lines[1:]] == ["Paper Boats", "The Lighthouse Ledger"]


def test_a_work_that_cannot_be_written_fails_alone(outsider, tmp_path, writer_refuses_boats):
    (tmp_path / "one.txt").write_bytes((FIXTURES / "ao3_flat_single.txt").read_bytes())
    (tmp_path / "two.txt").write_bytes((FIXTURES / "ao3_flat_multichapter.txt").read_bytes())
    out, _, code = run("--as", "outsider", tmp_path)
    assert code == 1
    assert (
        f"failed: {tmp_path / 'one.txt'}: an unexpected error (ValueError: the database said no)"
        in out.splitlines()
    )
    assert list(Work.objects.values_list("title", flat=True)) == ["The Lighthouse Ledger"]


def _zip(files: dict[str, bytes]) -> bytes:
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as zipped:
        for name, data in files.items():
            zipped.writestr(name, data)
    return archive.getvalue()


def test_web_zip_import_survives_a_parser_error_and_a_writer_error(
    outsider, outsider_client, monkeypatch, writer_refuses_boats
):
    monkeypatch.setattr("fanfold.imports.reading.parse_markdown", _explode)
    data = _zip(
        {
            "boom.md": b"# A title\n\nSome words.\n",
            "one.txt": (FIXTURES / "ao3_flat_single.txt").read_bytes(),
            "two.txt": (FIXTURES / "ao3_flat_multichapter.txt").read_bytes(),
        }
    )
    response = upload(outsider_client, "batch.zip", data)
    page = outsider_client.get(response.url).content.decode()
    assert (
        'boom.md: <span class="errors">failed: an unexpected error (RuntimeError: parser bug on purpose)'
        in page
    )
    assert (
        'one.txt: <span class="errors">failed: an unexpected error (ValueError: the database said no)'
        in page
    )
    assert "The Lighthouse Ledger</a>" in page
    assert list(PendingImport.objects.order_by("id").values_list("status", flat=True)) == [
        "failed",
        "failed",
        "imported",
    ]
