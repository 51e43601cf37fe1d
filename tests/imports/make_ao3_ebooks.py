"""Makes the AO3-shaped EPUB, AZW3, MOBI and PDF fixtures the way AO3 makes its downloads.

otwarchive's `DownloadWriter` renders the HTML download, runs calibre's `web2disk` on it, zips the
result and runs `ebook-convert` on the zip with the options below (copied from
`app/models/download_writer.rb`, `get_calibre_command`, with `public/stylesheets/ebooks.css`).
The output is committed under ao3_ebooks/ so the tests need calibre only to read AZW3 and
MOBI. Run again after changing ao3_works.py (needs Debian's calibre, about a second a book):

    .venv/bin/python -m tests.imports.make_ao3_ebooks
"""

import os
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from tests.imports.ao3_download import Work, download_html, file_name
from tests.imports.ao3_works import WORKS

OUT = Path(__file__).with_name("ao3_ebooks")
EBOOKS_CSS = """.meta dl.tags {
  border: none;
  padding: 0;
}

.meta dl.tags > dt, .meta dl.tags > dd {
  display: block;
  margin: 0;
}

.meta dt {
  font-weight: bold;
}

#chapters, .userstuff {
  font-family: serif;
  padding: 0;
}
"""
CHAPTER_XPATH = (
    "//h:body/h:div[@id='chapters']/h:h2[@class='toc-heading'] | "
    "//h:body/h:div[@id='chapters']/h:div[@class='meta group']/h:h2[@class='heading'] | "
    "//h:body/h:div[@id='preface' or @id='afterword']/h:h2[@class='toc-heading']"
)
# Which books each work is made into (every work is also an HTML download, rendered in tests).
FORMATS = {
    "ledger": ["epub", "azw3", "pdf"],
    "fog": ["epub", "mobi"],
    "ledger_zh": ["epub"],
    "tide_zh": ["epub"],
    "one_shot": ["epub", "mobi", "pdf"],  # MOBI: a one-shot's lone chapter has no heading
}


def calibre_command(work: Work, source: Path, target: Path, css: Path) -> list[str]:
    file_type = target.suffix[1:]
    tags = [*work.rating, *work.warnings, *work.categories, *work.fandoms]
    tags += [*work.relationships, *work.characters, *work.freeforms]
    command = [
        "ebook-convert",
        str(source),
        str(target),
        "--input-encoding", "utf-8",
        "--toc-threshold", "0",
        "--use-auto-toc",
        "--title", work.title,
        "--title-sort", work.title.lower(),
        "--authors", ", ".join(c.pseud for c in sorted(work.creators, key=lambda c: c.pseud.lower())),
        "--author-sort", work.creators[0].pseud.lower(),
        "--comments", work.summary,
        "--tags", "Fanworks, " + ", ".join(tags),
        "--pubdate", work.revised.isoformat(),
        "--publisher", "Archive of Our Own",
        "--language", work.language_code,
        "--chapter", CHAPTER_XPATH,
    ]  # fmt: skip
    if work.series:
        position, title, _ = work.series[0]
        command += ["--series", title, "--series-index", str(position)]
    if file_type in {"azw3", "epub", "mobi"}:
        command += ["--extra-css", str(css)]
    if file_type == "epub":
        command += ["--no-default-epub-cover"]
    if file_type == "pdf":
        for side in ("top", "right", "bottom", "left"):
            command += [f"--pdf-page-margin-{side}", "36"]
        command += ["--pdf-default-font-size", "17", "--subset-embedded-fonts"]
    return command


def _zip_assets(assets: Path, target: Path) -> None:
    """`zip -r download.zip /tmp/<id>/assets`: member names keep the path, minus its leading /."""
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(assets.rglob("*")):
            archive.write(path, str(path).lstrip("/"))


def make(name: str, work: Work, folder: Path) -> None:
    folder.mkdir()
    html_path = folder / f"{file_name(work)}.html"
    html_path.write_text(download_html(work), encoding="utf-8")
    assets = folder / "assets"
    web2disk = [
        "web2disk",
        "--base-dir", str(assets),
        "--max-recursions", "0",
        "--dont-download-stylesheets",
        f"file://{html_path}",
    ]  # fmt: skip
    subprocess.run(web2disk, check=True, capture_output=True)
    source = folder / f"{file_name(work)}.zip"
    _zip_assets(assets, source)
    css = folder / "ebooks.css"
    css.write_text(EBOOKS_CSS)
    for file_type in FORMATS[name]:
        target = OUT / f"{name}.{file_type}"
        # calibre's PDF output runs Chromium, which will not sandbox itself as root (containers).
        env = {**os.environ, "QTWEBENGINE_CHROMIUM_FLAGS": "--no-sandbox"}
        result = subprocess.run(
            calibre_command(work, source, target, css), capture_output=True, env=env
        )
        if result.returncode:
            raise SystemExit(result.stderr.decode()[-2000:] + result.stdout.decode()[-2000:])
        sys.stdout.write(f"{target} ({target.stat().st_size // 1024} KB)\n")


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for name, work in WORKS.items():
        with tempfile.TemporaryDirectory() as folder:
            make(name, work, Path(folder) / str(work.id))


if __name__ == "__main__":
    sys.exit(main())
