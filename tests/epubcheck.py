"""Every EPUB the code makes during a test session is kept and checked by EPUBCheck once at
the end: work, series and shelf downloads, data exports, import round trips. One JVM for all
of them, because each separate epubcheck run costs ~7 s of start-up."""

import hashlib
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from django.urls import get_resolver

from fanfold.downloads import epub

EPUBCHECK = Path("/usr/share/java/epubcheck.jar")
CHECKER = Path(__file__).with_name("EpubCheckAll.java")


def epubcheck_available() -> bool:
    # Mutation runs (scripts/mutate.py) turn it off: a mutant is judged by its module's own
    # tests, and a JVM per mutant would cost more than most of them.
    if os.environ.get("FANFOLD_EPUBCHECK") == "off":
        return False
    return EPUBCHECK.exists() and shutil.which("java") is not None


def _rebind(old: Callable, new: Callable) -> None:
    """Points every name bound to `old` in Fanfold's and the tests' modules at `new`."""
    for name, module in list(sys.modules.items()):
        if name.split(".")[0] in {"fanfold", "tests"}:
            for attribute, value in list(vars(module).items()):
                if value is old:
                    setattr(module, attribute, new)


@contextmanager
def keeping_every_epub(folder: Path) -> Iterator[None]:
    """While active, each EPUB rendered anywhere is also written to `folder`."""
    get_resolver().url_patterns  # noqa: B018 - imports every view module before rebinding
    original = epub.render_epub

    def render_and_keep(*args, **kwargs) -> bytes:
        data = original(*args, **kwargs)
        (folder / f"{hashlib.sha256(data).hexdigest()[:20]}.epub").write_bytes(data)
        return data

    _rebind(original, render_and_keep)
    try:
        yield
    finally:
        _rebind(render_and_keep, original)


def invalid_epubs(folder: Path) -> str:
    """EPUBCheck's report on every file in `folder`; empty when all are valid."""
    files = sorted(str(path) for path in folder.glob("*.epub"))
    if not files:
        return ""
    result = subprocess.run(
        ["java", "-cp", str(EPUBCHECK), str(CHECKER), *files],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    valid = result.stdout.count("VALID ") - result.stdout.count("INVALID ")
    if result.returncode == 0 and valid == len(files):
        return ""
    return result.stdout + result.stderr
