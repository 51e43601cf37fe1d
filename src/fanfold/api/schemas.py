"""The shapes the API answers with; OpenAPI is generated from these.

Plain pydantic models, not ninja.Schema: the endpoints hand over dicts, and ninja's attribute
resolution for ORM objects cost about a fifth of a listing's time (profiled in bench/api.py).
"""

import datetime

from pydantic import BaseModel as Schema


class TagRef(Schema):
    id: int
    name: str
    type: str
    url: str


class CreatorRef(Schema):
    login: str | None
    pseud: str
    url: str | None


class LanguageOut(Schema):
    code: str
    name: str


class SeriesPlace(Schema):
    id: int
    title: str
    part: int
    url: str


class WorkStats(Schema):
    words: int
    chapters: str  # AO3's "posted/expected": 2/5, 1/1, 3/?
    chapter_count: int
    expected_chapters: int | None
    comments: int
    kudos: int
    bookmarks: int
    hits: int


class DownloadLink(Schema):
    format: str
    url: str


class WorkOut(Schema):
    id: int
    url: str
    title: str
    creators: list[CreatorRef]
    anonymous: bool
    imported_creators: str
    source_url: str
    summary: str
    notes: str
    end_notes: str
    rating: TagRef | None
    warnings: list[TagRef]
    categories: list[TagRef]
    fandoms: list[TagRef]
    relationships: list[TagRef]
    characters: list[TagRef]
    freeforms: list[TagRef]
    language: LanguageOut
    series: list[SeriesPlace]
    restricted: bool
    complete: bool
    crossover: bool
    comment_permission: str
    published_on: datetime.date | None
    updated_on: datetime.date | None
    completed_on: datetime.date | None
    stats: WorkStats
    downloads: list[DownloadLink]


class FacetOut(Schema):
    tag: TagRef
    count: int


class WorkListOut(Schema):
    total: int
    works: list[WorkOut]
    facets: dict[str, list[FacetOut]]
    next_cursor: str | None
    previous_cursor: str | None
    notices: list[str]  # parts of the filter that were ignored, and why


class ChapterOut(Schema):
    id: int
    work_id: int
    position: int
    title: str
    heading: str
    url: str
    summary: str
    notes: str
    end_notes: str
    word_count: int
    posted: bool
    published_on: datetime.date | None
    co_creators: list[CreatorRef]


class ChapterTextOut(ChapterOut):
    body: str  # sanitised HTML


class TagOut(Schema):
    id: int
    name: str
    type: str
    canonical: bool
    url: str
    work_count: int  # the works this viewer may see, as the tag filters
    synonym_of: TagRef | None
    synonyms: list[TagRef]
    parents: list[TagRef]
    children: list[TagRef]
    meta_tags: list[TagRef]
    sub_tags: list[TagRef]


class SeriesPart(Schema):
    part: int
    work: WorkOut


class SeriesOut(Schema):
    id: int
    url: str
    title: str
    summary: str
    notes: str
    complete: bool
    anonymous: bool
    creators: list[CreatorRef]
    word_count: int
    updated_on: datetime.date | None
    parts: list[SeriesPart]


class PseudOut(Schema):
    name: str
    login: str
    is_default: bool
    description: str
    url: str


class UserOut(Schema):
    login: str
    url: str
    pseuds: list[PseudOut]
    work_count: int


class SeriesRef(Schema):
    id: int
    title: str
    url: str


class BookmarkOut(Schema):
    id: int
    bookmarker: str
    work: WorkOut | None
    series: SeriesRef | None
    notes: str
    tags: list[str]
    rec: bool
    private: bool
    created_at: datetime.datetime
    updated_at: datetime.datetime


class BookmarkPage(Schema):
    total: int
    bookmarks: list[BookmarkOut]
    next_cursor: str | None


class KudosOut(Schema):
    work_id: int
    users: list[str]
    guests: int


class CommentOut(Schema):
    id: int
    work_id: int
    chapter_id: int | None
    parent_id: int | None
    depth: int
    author: str
    body: str  # sanitised HTML; empty when deleted
    deleted: bool
    approved: bool
    created_at: datetime.datetime
    edited_at: datetime.datetime | None


class CommentPage(Schema):
    total: int
    comments: list[CommentOut]
    next_cursor: str | None


class ReadingOut(Schema):
    work: WorkOut
    shelf: str
    last_visited: datetime.datetime | None
    visits: int
    last_chapter_id: int | None


class HistoryPage(Schema):
    total: int
    readings: list[ReadingOut]
    next_cursor: str | None


class SubscriptionOut(Schema):
    id: int
    kind: str  # work, series or creator
    title: str
    url: str
    created_at: datetime.datetime


class ErrorOut(Schema):
    status: int
    error: str
    message: str
    fields: dict[str, list[str]] | None = None
