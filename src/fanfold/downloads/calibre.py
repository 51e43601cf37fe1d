"""AZW3 and MOBI through Calibre's ebook-convert, from Fanfold's own EPUB, when installed."""

import shutil
import subprocess
import tempfile
from pathlib import Path

TIMEOUT_SECONDS = 300  # AO3 has had to kill runaway conversions; we stop them ourselves


class ConversionFailed(Exception):
    pass


def ebook_convert() -> str | None:
    return shutil.which("ebook-convert")


def calibre_installed() -> bool:
    return ebook_convert() is not None


def convert_epub(epub: bytes, extension: str) -> bytes:
    with tempfile.TemporaryDirectory() as folder:
        source, target = Path(folder) / "book.epub", Path(folder) / f"book.{extension}"
        source.write_bytes(epub)
        try:
            subprocess.run(  # noqa: S603 - fixed program, our own temporary paths
                [ebook_convert() or "ebook-convert", str(source), str(target)],
                check=True,
                capture_output=True,
                timeout=TIMEOUT_SECONDS,
            )
        except (subprocess.SubprocessError, OSError) as error:
            raise ConversionFailed(
                f"ebook-convert could not make the {extension.upper()} file"
            ) from error
        return target.read_bytes()
