"""A user's data as one zip: their works (HTML and EPUB), drafts, bookmarks, history,
comments and preferences as JSON."""

import json
import tempfile
import zipfile
from typing import IO, Any

from django.conf import settings
from django.forms.models import model_to_dict

from fanfold.accounts.models import User
from fanfold.challenges.export import challenges_of
from fanfold.collections.export import collection_items_of, collections_of
from fanfold.downloads.book import work_book
from fanfold.downloads.content import work_content
from fanfold.downloads.epub import render_epub
from fanfold.downloads.html_file import render_html
from fanfold.downloads.naming import file_stem
from fanfold.gifts.export import gifts_of
from fanfold.tagsets.export import tag_sets_of
from fanfold.works.listing import with_details
from fanfold.works.models import Work


def export_account(user: User) -> IO[bytes]:
    """A temporary file holding the zip, positioned at its start."""
    # Handed to FileResponse, which closes it when the response is sent.
    spool = tempfile.SpooledTemporaryFile(max_size=20 * 2**20)  # noqa: SIM115
    with zipfile.ZipFile(spool, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in _json_files(user).items():
            archive.writestr(name, json.dumps(data, indent=2, ensure_ascii=False, default=str))
        for work in with_details(_works_of(user).filter(posted=True)):
            book = work_book(work_content(work), settings.SITE_URL)
            stem = f"works/{work.pk}_{file_stem(work.title, 'work')}"
            archive.writestr(f"{stem}.html", render_html(book))
            archive.writestr(f"{stem}.epub", render_epub(book))  # images left out: no fetching
    spool.seek(0)
    return spool


def _works_of(user: User):
    return Work.objects.filter(creatorships__pseud__user=user).distinct().order_by("id")


def _json_files(user: User) -> dict[str, Any]:
    preference = model_to_dict(user.preference, exclude=["id", "user", "muted_tags"])
    preference["muted_tags"] = list(user.preference.muted_tags.values_list("name", flat=True))
    return {
        "account.json": {
            "username": user.username,
            "email": user.email,
            "joined": user.date_joined,
            "pseuds": list(user.pseuds.values("name", "description", "is_default")),
        },
        "preferences.json": preference,
        "drafts.json": [_draft(work) for work in _works_of(user).filter(posted=False)],
        "bookmarks.json": [
            {
                "work": bookmark.work.title if bookmark.work else None,
                "work_url": bookmark.work_id and f"{settings.SITE_URL}/works/{bookmark.work_id}",
                "series_id": bookmark.series_id,
                "notes": bookmark.notes,
                "tags": [tag.name for tag in bookmark.tags.all()],
                "private": bookmark.private,
                "rec": bookmark.rec,
                "created_at": bookmark.created_at,
            }
            for bookmark in user.bookmarks.select_related("work").prefetch_related("tags")
        ],
        "history.json": list(
            user.readings.values("work_id", "work__title", "shelf", "last_visited", "visits")
        ),
        "comments.json": list(
            user.comment_set.filter(deleted=False).values(
                "work_id", "chapter_id", "parent_id", "body", "created_at", "edited_at"
            )
        ),
        "collections.json": collections_of(user),
        "collection_items.json": collection_items_of(user),
        "gifts.json": gifts_of(user),
        "challenges.json": challenges_of(user),
        "tag_sets.json": tag_sets_of(user),
    }


def _draft(work: Work) -> dict[str, Any]:
    return {
        "title": work.title,
        "summary": work.summary,
        "notes": work.notes,
        "end_notes": work.end_notes,
        "chapters": list(work.chapters.order_by("position").values("title", "body", "posted")),
    }
