"""AO3's preface labels, singular or plural, and the stats line, shared by every parser."""

import datetime
import re

LABEL_FIELDS = {
    "rating": "rating",
    "ratings": "rating",
    "archive warning": "warnings",
    "archive warnings": "warnings",
    "category": "categories",
    "categories": "categories",
    "fandom": "fandoms",
    "fandoms": "fandoms",
    "relationship": "relationships",
    "relationships": "relationships",
    "character": "characters",
    "characters": "characters",
    "additional tags": "freeforms",
    "additional tag": "freeforms",
    "language": "language",
    "series": "series",
    "collections": "collections",
    "collection": "collections",
    "stats": "stats",
}
_STAT = re.compile(
    r"(Published|Updated|Completed|Words|Chapters):\s*([0-9][0-9,/?\-]*)", re.IGNORECASE
)
_SERIES = re.compile(r"Part\s+(\d+)\s+of\s+(.+)", re.IGNORECASE | re.DOTALL)
_SOURCE = re.compile(
    r"Posted originally on the .+? at (https?://\S+?)\.?\s*$", re.IGNORECASE | re.MULTILINE
)


def field_for(label: str) -> str | None:
    return LABEL_FIELDS.get(label.strip().rstrip(":").strip().lower())


def split_values(text: str) -> list[str]:
    return [value.strip() for value in text.replace("\n", ",").split(",") if value.strip()]


def parse_date(text: str) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(text.strip())
    except ValueError:
        return None


def apply_stats(work, text: str) -> None:
    """ "Published: 2019-04-02 Updated: ... Words: 4,210 Chapters: 3/5", on one line or many."""
    for name, value in _STAT.findall(text):
        name = name.lower()
        if name in {"published", "updated", "completed"}:
            setattr(work, name, parse_date(value))
        elif name == "words":
            digits = value.replace(",", "")
            work.stated_word_count = int(digits) if digits.isdigit() else None
        elif name == "chapters":
            _, _, expected = value.partition("/")
            work.expected_chapters = int(expected) if expected.isdigit() else None
    if work.completed and not work.updated:
        work.updated = work.completed


def parse_series(text: str) -> list[dict]:
    """ "Part 1 of The Long Way Home", possibly split over lines, possibly several."""
    found = []
    for part in re.split(r",\s*(?=Part\s+\d+\s+of)", " ".join(text.split())):
        match = _SERIES.match(part.strip())
        if match:
            found.append({"title": match.group(2).strip(), "position": int(match.group(1))})
    return found


def source_url(text: str) -> str:
    match = _SOURCE.search(text)
    return match.group(1).rstrip(".") if match else ""
