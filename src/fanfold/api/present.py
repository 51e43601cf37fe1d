"""Turning works, chapters, tags and the rest into the API's answers (plain dicts for the schemas).

Works come prefetched by works.listing.with_details, so a page of them costs a fixed number of queries.
"""

import functools

from django.urls import reverse

from fanfold.accounts.models import Pseud, User
from fanfold.downloads.naming import file_stem
from fanfold.feedback.models import Bookmark, Comment, Reading, Subscription
from fanfold.series.models import Series
from fanfold.tags.models import Tag
from fanfold.works.models import Chapter, Work


@functools.lru_cache(maxsize=4096)
def _tag_url(name: str) -> str:
    # A page of works names the same ratings and warnings again and again; reverse() is slow.
    return reverse("tags:show", args=[name])


def tag_ref(tag: Tag) -> dict:
    return {"id": tag.pk, "name": tag.name, "type": tag.type, "url": _tag_url(tag.name)}


def tag_refs(tags) -> list[dict]:
    return [tag_ref(tag) for tag in tags]


def creator_ref(pseud: Pseud) -> dict:
    return {"login": pseud.user.username, "pseud": pseud.name, "url": pseud.get_absolute_url()}


def creators_of(work: Work) -> list[dict]:
    # The byline rule of the work page: an anonymous work names nobody, to anyone.
    return [] if work.anonymous else [creator_ref(pseud) for pseud in work.creator_pseuds]


def _download_urls(work: Work, formats: list[str]) -> list[dict]:
    if not formats:
        return []
    first = reverse(
        "downloads:work", args=[work.pk, file_stem(work.title, f"Work_{work.pk}"), formats[0]]
    )
    stem = first[: -len(formats[0])]  # the same path for every format but the extension
    return [{"format": extension, "url": stem + extension} for extension in formats]


def work_out(work: Work, formats: list[str], hits: int | None = None) -> dict:
    return {
        "id": work.pk,
        "url": work.get_absolute_url(),
        "title": work.title,
        "creators": creators_of(work),
        "anonymous": work.anonymous,
        "imported_creators": work.imported_creators,
        "source_url": work.source_url,
        "summary": work.summary,
        "notes": work.notes,
        "end_notes": work.end_notes,
        "rating": tag_ref(work.rating) if work.rating else None,
        "warnings": tag_refs(work.warnings),
        "categories": tag_refs(work.categories),
        "fandoms": tag_refs(work.fandoms),
        "relationships": tag_refs(work.relationships),
        "characters": tag_refs(work.characters),
        "freeforms": tag_refs(work.freeforms),
        "language": {"code": work.language, "name": work.language_name},
        "series": [
            {
                "id": place.series.pk,
                "title": place.series.title,
                "part": place.position,
                "url": place.series.get_absolute_url(),
            }
            for place in work.series_memberships.all()
        ],
        "restricted": work.restricted,
        "complete": work.complete,
        "crossover": work.crossover,
        "comment_permission": work.comment_permission,
        "published_on": work.published_on,
        "updated_on": work.updated_on,
        "completed_on": work.completed_on,
        "stats": {
            "words": work.word_count,
            "chapters": work.chapters_label,
            "chapter_count": work.chapter_count,
            "expected_chapters": work.expected_chapters,
            "comments": work.comment_count,
            "kudos": work.kudos_count,
            "bookmarks": work.bookmark_count,
            "hits": work.hit_count if hits is None else hits,
        },
        "downloads": _download_urls(work, formats),
    }


def chapter_out(chapter: Chapter, with_body: bool = False) -> dict:
    anonymous = chapter.work.anonymous
    out = {
        "id": chapter.pk,
        "work_id": chapter.work_id,
        "position": chapter.position,
        "title": chapter.title,
        "heading": chapter.heading,
        "url": chapter.get_absolute_url(),
        "summary": chapter.summary,
        "notes": chapter.notes,
        "end_notes": chapter.end_notes,
        "word_count": chapter.word_count,
        "posted": chapter.posted,
        "published_on": chapter.published_on,
        "co_creators": [] if anonymous else [creator_ref(p) for p in chapter.co_creators.all()],
    }
    if with_body:
        out["body"] = chapter.body
    return out


def pseud_out(pseud: Pseud) -> dict:
    return {
        "name": pseud.name,
        "login": pseud.user.username,
        "is_default": pseud.is_default,
        "description": pseud.description,
        "url": pseud.get_absolute_url(),
    }


def user_out(user: User, work_count: int) -> dict:
    return {
        "login": user.username,
        "url": user.get_absolute_url(),
        "pseuds": [pseud_out(pseud) for pseud in user.pseuds.all()],
        "work_count": work_count,
    }


def series_ref(series: Series) -> dict:
    return {"id": series.pk, "title": series.title, "url": series.get_absolute_url()}


def bookmark_out(bookmark: Bookmark, work: dict | None) -> dict:
    return {
        "id": bookmark.pk,
        "bookmarker": bookmark.user.username,
        "work": work,
        "series": series_ref(bookmark.series) if bookmark.series else None,
        "notes": bookmark.notes,
        "tags": [tag.name for tag in bookmark.tags.all()],
        "rec": bookmark.rec,
        "private": bookmark.private,
        "created_at": bookmark.created_at,
        "updated_at": bookmark.updated_at,
    }


def comment_out(comment: Comment) -> dict:
    return {
        "id": comment.pk,
        "work_id": comment.work_id,
        "chapter_id": comment.chapter_id,
        "parent_id": comment.parent_id,
        "depth": comment.depth,
        "author": comment.author_name,
        "body": "" if comment.deleted else comment.body,
        "deleted": comment.deleted,
        "approved": comment.approved,
        "created_at": comment.created_at,
        "edited_at": comment.edited_at,
    }


def reading_out(reading: Reading, work: dict) -> dict:
    return {
        "work": work,
        "shelf": reading.shelf,
        "last_visited": reading.last_visited,
        "visits": reading.visits,
        "last_chapter_id": reading.last_chapter_id,
    }


def subscription_out(subscription: Subscription) -> dict:
    if subscription.work is not None:
        kind, title, url = "work", subscription.work.title, subscription.work.get_absolute_url()
    elif subscription.series is not None:
        series = subscription.series
        kind, title, url = "series", series.title, series.get_absolute_url()
    else:
        creator = subscription.creator
        assert creator is not None  # the model holds exactly one target
        kind, title, url = "creator", creator.username, creator.get_absolute_url()
    return {
        "id": subscription.pk,
        "kind": kind,
        "title": title,
        "url": url,
        "created_at": subscription.created_at,
    }
