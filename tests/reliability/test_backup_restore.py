"""`fanfold backup` and `fanfold restore` as an operator runs them: every table and every
uploaded file comes back identical, and restores that would lose data are refused."""

import io
import json
import subprocess
import tarfile

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from tests.reliability.databases import Archive, drop_archive, new_archive
from tests.reliability.served import FANFOLD, environment


def fanfold(archive: Archive, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [FANFOLD, *args],
        env=environment(archive.data_dir, **archive.env()),
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture
def archives(tmp_path):
    made = [new_archive(tmp_path / "source", "backup_source")]
    made.append(new_archive(tmp_path / "restored", "backup_restored"))
    yield made
    for archive in made:
        drop_archive(archive)


def test_round_trip_restores_every_table_and_file(archives, tmp_path):
    source, restored = archives
    for step in (["migrate", "-v0"], ["demo"]):
        assert fanfold(source, *step).returncode == 0
    icons = source.data_dir / "media" / "icons"
    icons.mkdir(parents=True)
    (icons / "lantern.png").write_bytes(bytes(range(256)) * 40)
    (icons / "quill.gif").write_bytes(b"GIF89a" + b"\x00" * 100)

    backup = fanfold(source, "backup", str(tmp_path))
    assert backup.returncode == 0, backup.stderr
    assert "Backup written to" in backup.stdout
    (made,) = tmp_path.glob("fanfold-backup-*.tar")

    restore = fanfold(restored, "restore", str(made))
    assert restore.returncode == 0, restore.stderr
    assert "Restore complete." in restore.stdout
    expected = source.table_fingerprints()
    assert expected["works_work"][0] == 30 and expected["accounts_user"][0] > 5
    assert restored.table_fingerprints() == expected
    assert restored.files() == source.files() and len(source.files()) == 2

    # A second restore would replace nine accounts: refused, and nothing changes.
    (restored.data_dir / "media" / "stray.txt").write_text("not in the backup")
    again = fanfold(restored, "restore", str(made))
    assert again.returncode == 2
    assert "already holds" in again.stderr and "--force" in again.stderr
    assert (restored.data_dir / "media" / "stray.txt").exists()

    forced = fanfold(restored, "restore", "--force", str(made))
    assert forced.returncode == 0, forced.stderr
    assert restored.table_fingerprints() == expected
    assert restored.files() == source.files()


def tar_with_manifest(path, manifest: dict) -> None:
    with tarfile.open(path, "w") as archive:
        data = json.dumps(manifest).encode()
        info = tarfile.TarInfo("manifest.json")
        info.size = len(data)
        archive.addfile(info, io.BytesIO(data))


def test_unusable_backups_are_refused_with_a_reason_and_exit_2(db, tmp_path):
    other_engine = "postgresql" if connection.vendor == "sqlite" else "sqlite"
    (tmp_path / "notes.tar").write_text("just some words, not a tar file")
    tar_with_manifest(tmp_path / "foreign.tar", {"format": 1, "engine": other_engine, "files": {}})
    tar_with_manifest(tmp_path / "future.tar", {"format": 99, "engine": "sqlite"})
    cases = {
        "missing.tar": "does not exist",
        "notes.tar": "not a readable Fanfold backup",
        "foreign.tar": f"holds a {other_engine} database",
        "future.tar": "not a Fanfold backup of format 1",
    }
    for name, reason in cases.items():
        with pytest.raises(CommandError, match=reason) as refused:
            call_command("restore", str(tmp_path / name), stdout=io.StringIO())
        assert refused.value.returncode == 2
    with pytest.raises(CommandError, match="does not exist") as refused:
        call_command("backup", str(tmp_path / "no" / "such" / "dir.tar"), stdout=io.StringIO())
    assert refused.value.returncode == 2
