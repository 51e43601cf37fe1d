"""AO3-style download file names: ASCII, at most 24 characters, cut at a word boundary."""

import re

from anyascii import anyascii

MAX_LENGTH = 24
_UNSAFE = re.compile(r"[^A-Za-z0-9 _-]")


def file_stem(title: str, fallback: str) -> str:
    """ "Tea at Half Past Four" -> "Tea_at_Half_Past_Four"; "日本" -> "Ri_Ben"; "" -> fallback."""
    ascii_title = " ".join(_UNSAFE.sub("", anyascii(title)).split())
    if len(ascii_title) > MAX_LENGTH:
        cut = ascii_title[: MAX_LENGTH + 1]
        ascii_title = cut.rsplit(" ", 1)[0] if " " in cut else ascii_title[:MAX_LENGTH]
    return ascii_title.strip().replace(" ", "_") or fallback
