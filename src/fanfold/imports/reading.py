"""Finding the works in files, folders and zip archives, within limits, without writing."""

import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from fanfold.imports.parsed import ImportError_, ParsedWork
from fanfold.imports.parsers.ao3_text import looks_like_ao3_text, parse_ao3_text
from fanfold.imports.parsers.converted import parse_kindle, parse_pdf
from fanfold.imports.parsers.epub import UNREADABLE, parse_epub
from fanfold.imports.parsers.generic import parse_docx, parse_html_file, parse_markdown
from fanfold.imports.parsers.plain_text import parse_plain_text

SUPPORTED = {
    ".html", ".htm", ".xhtml", ".txt", ".text", ".epub", ".md", ".markdown", ".docx",
    ".azw3", ".mobi", ".pdf",
}  # fmt: skip


@dataclass
class Source:
    name: str  # for messages: the path, or archive.zip!member
    data: bytes


@dataclass
class Outcome:
    source: str
    work: ParsedWork | None = None
    error: str = ""


def sources(paths: list[str]) -> Iterator[Source | Outcome]:
    """Every importable file under the paths; an Outcome with an error for what cannot be read."""
    budget = settings.IMPORT_MAX_BATCH_BYTES
    for path in map(Path, paths):
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for file in files:
            if not file.exists():
                yield Outcome(str(file), error="no such file")
                continue
            size = file.stat().st_size
            if size > settings.IMPORT_MAX_FILE_BYTES:
                yield Outcome(
                    str(file),
                    error=f"larger than the {settings.IMPORT_MAX_FILE_BYTES // 2**20} MB limit",
                )
                continue
            budget -= size
            if budget < 0:
                yield Outcome(
                    str(file), error="the batch is over its size limit; import the rest separately"
                )
                return
            if file.suffix.lower() == ".zip":
                yield from _zip_members(file)
            elif file.suffix.lower() in SUPPORTED:
                yield _read(file)
            elif path.is_file():
                yield Outcome(
                    str(file),
                    error=f"“{file.suffix or 'no extension'}” files are not supported yet",
                )


def _read(file: Path) -> Source | Outcome:
    try:
        return Source(str(file), file.read_bytes())
    except OSError as error:
        return Outcome(str(file), error=f"could not be opened ({error.strerror or error})")


def _zip_members(file: Path) -> Iterator[Source | Outcome]:
    opened = _read(file)
    if isinstance(opened, Outcome):
        yield opened
    else:
        yield from zip_members(opened.name, opened.data)


def zip_members(name: str, data: bytes) -> Iterator[Source | Outcome]:
    """Reads members into memory (nothing is extracted to disk, so no path can escape)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except UNREADABLE as error:
        yield Outcome(name, error=f"not a readable zip archive ({error})")
        return
    with archive:
        members = [
            m
            for m in archive.infolist()
            if not m.is_dir() and Path(m.filename).suffix.lower() in SUPPORTED
        ]
        if len(archive.infolist()) > settings.IMPORT_MAX_ZIP_MEMBERS:
            yield Outcome(
                name, error=f"more than {settings.IMPORT_MAX_ZIP_MEMBERS} files in the archive"
            )
            return
        if sum(m.file_size for m in members) > settings.IMPORT_MAX_BATCH_BYTES:
            yield Outcome(
                name, error="the archive unpacks to more than the batch limit (a zip bomb?)"
            )
            return
        for member in members:
            yield _member(archive, member, f"{name}!{member.filename}")


def _member(archive: zipfile.ZipFile, member: zipfile.ZipInfo, name: str) -> Source | Outcome:
    if member.file_size > settings.IMPORT_MAX_FILE_BYTES:
        return Outcome(name, error="larger than the file limit once unpacked")
    try:
        with archive.open(member) as opened:
            data = opened.read(settings.IMPORT_MAX_FILE_BYTES + 1)
    except UNREADABLE as error:
        return Outcome(name, error=f"could not be unpacked ({type(error).__name__}: {error})")
    if len(data) > settings.IMPORT_MAX_FILE_BYTES:
        return Outcome(name, error="larger than the file limit once unpacked")
    return Source(name, data)


def parse_source(source: Source) -> Outcome:
    """Never raises: one file's failure, expected or not, is that file's outcome (a batch goes on)."""
    try:
        return Outcome(source.name, work=_without_nul(_parse(source)))
    except ImportError_ as error:
        return Outcome(source.name, error=str(error))
    except Exception as error:  # a parser's bug must not take the rest of the batch down
        return Outcome(source.name, error=unexpected(error))


def unexpected(error: Exception) -> str:
    """A one-line reason for an error nobody anticipated, naming its kind."""
    detail = " ".join(str(error).split())[:200]
    return f"an unexpected error ({type(error).__name__}{': ' + detail if detail else ''})"


def _without_nul(work: ParsedWork) -> ParsedWork:
    """The work with every NUL character dropped: no text needs one, and PostgreSQL's text and
    JSON columns refuse them (a file holding one answered 500 before anything was stored)."""

    def clean(value):
        if isinstance(value, str):
            return value.replace("\x00", "")
        if isinstance(value, list):
            return [clean(item) for item in value]
        if isinstance(value, dict):
            return {key: clean(item) for key, item in value.items()}
        return value

    return ParsedWork.from_json(clean(work.to_json()))


def _parse(source: Source) -> ParsedWork:
    file_name = Path(source.name.split("!")[-1])
    suffix, title = file_name.suffix.lower(), file_name.stem.replace("_", " ")
    if suffix in {".html", ".htm", ".xhtml"}:
        return parse_html_file(source.data, title)
    if suffix == ".epub":
        return parse_epub(source.data)
    if suffix == ".docx":
        return parse_docx(source.data, title)
    if suffix in {".azw3", ".mobi"}:
        return parse_kindle(source.data, suffix)
    if suffix == ".pdf":
        return parse_pdf(source.data)
    try:
        text = source.data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportError_("not UTF-8 text") from None
    if suffix in {".md", ".markdown"}:
        return parse_markdown(text, title)
    if looks_like_ao3_text(text):
        return parse_ao3_text(text)
    return parse_plain_text(text, title)
