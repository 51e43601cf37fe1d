"""A work as read from a file, before anything is written: the `--dry-run --json` contract."""

import datetime
from dataclasses import dataclass, field

from fanfold.lib.sanitize import sanitize_html
from fanfold.lib.wordcount import count_html


class ImportError_(Exception):
    """A file that cannot be imported, with a one-line reason naming the problem."""


@dataclass
class ParsedChapter:
    title: str = ""
    summary: str = ""
    notes: str = ""
    end_notes: str = ""
    body: str = ""

    def sanitised(self) -> "ParsedChapter":
        return ParsedChapter(
            title=" ".join(self.title.split()),
            summary=sanitize_html(self.summary),
            notes=sanitize_html(self.notes),
            end_notes=sanitize_html(self.end_notes),
            body=sanitize_html(self.body),
        )


@dataclass
class ParsedWork:
    title: str = ""
    creators: list[str] = field(default_factory=list)
    rating: str = ""
    warnings: list[str] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    fandoms: list[str] = field(default_factory=list)
    relationships: list[str] = field(default_factory=list)
    characters: list[str] = field(default_factory=list)
    freeforms: list[str] = field(default_factory=list)
    language: str = ""
    series: list[dict] = field(default_factory=list)  # {"title": str, "position": int | None}
    published: datetime.date | None = None
    updated: datetime.date | None = None
    completed: datetime.date | None = None
    expected_chapters: int | None = None
    stated_word_count: int | None = None
    summary: str = ""
    notes: str = ""
    end_notes: str = ""
    source_url: str = ""
    chapters: list[ParsedChapter] = field(default_factory=list)
    warnings_found: list[str] = field(default_factory=list)

    @property
    def word_count(self) -> int:
        return sum(count_html(chapter.body) for chapter in self.chapters)

    @classmethod
    def from_json(cls, data: dict) -> "ParsedWork":
        """The inverse of to_json (pending web imports are stored this way)."""
        fields = {key: value for key, value in data.items() if key in cls.__dataclass_fields__}
        for key in ("published", "updated", "completed"):
            fields[key] = datetime.date.fromisoformat(fields[key]) if fields.get(key) else None
        fields["chapters"] = [ParsedChapter(**chapter) for chapter in data.get("chapters", [])]
        return cls(**fields)

    def to_json(self) -> dict:
        """The documented JSON line of `fanfold import --dry-run --json` (docs/import-format.md)."""

        def day(value: datetime.date | None) -> str | None:
            return value.isoformat() if value else None

        return {
            "title": self.title,
            "creators": self.creators,
            "rating": self.rating,
            "warnings": self.warnings,
            "categories": self.categories,
            "fandoms": self.fandoms,
            "relationships": self.relationships,
            "characters": self.characters,
            "freeforms": self.freeforms,
            "language": self.language,
            "series": self.series,
            "published": day(self.published),
            "updated": day(self.updated),
            "completed": day(self.completed),
            "expected_chapters": self.expected_chapters,
            "stated_word_count": self.stated_word_count,
            "word_count": self.word_count,
            "summary": self.summary,
            "notes": self.notes,
            "end_notes": self.end_notes,
            "source_url": self.source_url,
            "chapters": [chapter.__dict__ for chapter in self.chapters],
            "warnings_found": self.warnings_found,
        }
