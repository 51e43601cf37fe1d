"""Where the XSS corpus (tests/html_audit.py) goes in, and every surface it comes out on.

Shared by the markup check (tests/archive/test_xss_everywhere.py) and the Chromium check
(tests/browser/test_xss_in_the_browser.py), so both look at the same inputs and surfaces.
"""

import io
import zipfile
from dataclasses import dataclass, field

import lxml.etree
from django.contrib.auth.models import Permission
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from fanfold.accounts.models import User
from fanfold.feedback import comments
from fanfold.feedback.bookmarks import save_bookmark
from fanfold.moderation.models import AbuseReport
from fanfold.series.models import Series
from fanfold.works.models import Work
from tests.conftest import signed_in
from tests.factories import UserFactory
from tests.html_audit import MARKER, XSS_CORPUS, XSS_LINE
from tests.works.test_post_work import work_form

ADMIN_LISTS = [
    "works_work", "feedback_comment", "feedback_bookmark", "moderation_abusereport",
    "series_series", "accounts_pseud", "tags_tag",
]  # fmt: skip


@dataclass
class StoredCorpus:
    """The corpus stored through every input, and who can look at which surface."""

    work: Work
    series: Series
    imported: Work
    author: User
    reader: User
    moderator: User
    admin: User
    pages: list[str] = field(default_factory=list)  # for a guest and for the author
    private: dict[User, list[str]] = field(default_factory=dict)  # only for that user


def store_everywhere(author: User, admin: User, tmp_path) -> StoredCorpus:
    """Sends the corpus through every input a user has: work, chapter, series, pseud,
    comment, bookmark (notes and tags), tags, import, abuse report and saved filter."""
    reader = UserFactory(username="reader")
    moderator = UserFactory(username="mod")
    moderator.user_permissions.add(Permission.objects.get(codename="moderate"))
    client = signed_in(author)
    client.post(
        reverse("works:new"),
        work_form(
            author,
            title=XSS_LINE,
            summary=XSS_CORPUS,
            notes=XSS_CORPUS,
            end_notes=XSS_CORPUS,
            freeforms=f"Tag {XSS_LINE[:80]}",
            **{"chapter-title": XSS_LINE, "chapter-body": XSS_CORPUS, "new_series_title": XSS_LINE},
        ),
    )
    work = Work.objects.get(creators__user=author)
    series = Series.objects.get()
    client.post(
        reverse("series:edit", args=[series.pk]),
        {"title": XSS_LINE, "summary": XSS_CORPUS, "notes": XSS_CORPUS},
    )
    client.post(
        reverse("accounts:new_pseud", args=[author.username]),
        {"name": "Second", "description": XSS_CORPUS, "icon_alt_text": XSS_LINE},
    )
    comments.post_comment(work, reader, XSS_CORPUS, ip="127.0.0.1")
    save_bookmark(
        reader, work, notes=XSS_CORPUS, tag_names=[f"Mark {MARKER}<b>"], private=False, rec=True
    )
    signed_in(reader).post(
        reverse("moderation:report_new"),
        {"url": work.get_absolute_url(), "reason": "spam", "details": XSS_CORPUS},
    )
    signed_in(reader).post(
        reverse("search:save_filter"), {"name": XSS_LINE, "path": "/works", "query": "a=<b>"}
    )
    story = tmp_path / "imported.html"
    story.write_text(
        f"<html><head><title>{XSS_LINE}</title></head><body>{XSS_CORPUS}</body></html>"
    )
    call_command(
        "import", str(story), "--as", author.username, stdout=io.StringIO(), stderr=io.StringIO()
    )
    stored = StoredCorpus(
        work, series, Work.objects.exclude(pk=work.pk).get(), author, reader, moderator, admin
    )
    _list_surfaces(stored)
    return stored


def _list_surfaces(stored: StoredCorpus) -> None:
    work, series, author = stored.work, stored.series, stored.author.username
    comment = work.comments.get()
    tag_name = work.freeforms[0].name
    stored.pages = [
        "/", reverse("works:list"), reverse("works:list") + f"?work_search[query]={MARKER}",
        work.get_absolute_url(), work.get_absolute_url() + "?view_full_work=true",
        work.chapters.get().get_absolute_url(), reverse("works:navigate", args=[work.pk]),
        stored.imported.get_absolute_url(), series.get_absolute_url(),
        reverse("series:works", args=[series.pk]), f"/users/{author}", f"/users/{author}/works",
        f"/users/{author}/series", f"/users/{author}/pseuds", f"/users/{author}/pseuds/Second",
        reverse("feedback:work_bookmarks", args=[work.pk]), "/users/reader/bookmarks",
        reverse("feedback:comment", args=[comment.pk]), reverse("feedback:kudos_list", args=[work.pk]),
        reverse("tags:show", args=[tag_name]), reverse("tags:works", args=[tag_name]),
        reverse("search:people") + "?query=Second", reverse("works:search") + f"?work_search[query]={MARKER}",
    ]  # fmt: skip
    report = AbuseReport.objects.get()
    stored.private = {
        stored.author: [f"/users/{author}/inbox", f"/users/{author}/stats", reverse("works:edit", args=[work.pk])],
        stored.reader: [reverse("search:saved_filters"), "/users/reader/shelves/want_to_read"],
        stored.moderator: [
            reverse("moderation:queue"), reverse("moderation:report", args=[report.pk]),
            reverse("moderation:work", args=[work.pk]), reverse("moderation:comment", args=[comment.pk]),
            reverse("moderation:user", args=[author]),
        ],
        stored.admin: [reverse("admin:works_work_change", args=[work.pk])]
        + [reverse(f"admin:{model}_changelist") for model in ADMIN_LISTS],
    }  # fmt: skip


def documents(stored: StoredCorpus, guest: Client) -> dict[str, str]:
    """The HTML of what is not a page: feeds as a reader renders them, downloads, emails."""
    work, series = stored.work, stored.series
    found: dict[str, str] = {}
    tag_name = work.freeforms[0].name
    for url in (reverse("search:works_feed"), reverse("search:tag_feed", args=[tag_name])):
        found[f"feed {url}"] = feed_html(guest.get(url).content)
    found["download html"] = guest.get(
        reverse("downloads:work", args=[work.pk, "x", "html"])
    ).content.decode()
    found["download epub"] = epub_html(
        guest.get(reverse("downloads:work", args=[work.pk, "x", "epub"])).content
    )
    found["series epub"] = epub_html(
        guest.get(reverse("downloads:series", args=[series.pk, "x", "epub"])).content
    )
    for number, message in enumerate(mail.outbox):
        for content, media_type in getattr(message, "alternatives", []):
            if media_type == "text/html":
                found[f"email {number} html"] = content
    return found


def email_texts() -> dict[str, str]:
    """The plain-text part of every email sent."""
    return {f"email {number} text": message.body for number, message in enumerate(mail.outbox)}


def feed_html(body: bytes) -> str:
    """The HTML a feed reader would render: every element of type html, unescaped (text
    elements such as titles are shown as text)."""
    root = lxml.etree.fromstring(body)
    return "\n".join(el.text or "" for el in root.iter() if el.get("type") == "html")


def epub_html(body: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(body)) as epub:
        return "\n".join(
            epub.read(name).decode() for name in epub.namelist() if name.endswith("html")
        )
