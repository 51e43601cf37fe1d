"""Hostile markup stored through every input comes out inert on every surface.

The corpus goes in through the work, chapter, series, pseud (profile), comment, bookmark
(notes and tags), tag, import, abuse-report and saved-filter inputs, then pages, Atom feeds,
downloads (HTML and EPUB), the inbox, emails, the moderation queue and the admin are read
as the author, a guest and an admin. Each payload would call ffxss(n) if it ran; the check
(tests/html_audit.py) finds any element the payload made that could run or cover the page.
Chromium runs the same corpus in tests/browser/test_xss_in_the_browser.py.
"""

import io
import zipfile

import lxml.etree
from django.contrib.auth.models import Permission
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from fanfold.feedback import comments
from fanfold.feedback.bookmarks import save_bookmark
from fanfold.moderation.models import AbuseReport
from fanfold.series.models import Series
from fanfold.works.models import Work
from tests.conftest import signed_in
from tests.factories import UserFactory
from tests.html_audit import MARKER, XSS_CORPUS, XSS_LINE, payload_problems
from tests.works.test_post_work import work_form

ATOM = "{http://www.w3.org/2005/Atom}"


def store_everywhere(author, reader, tmp_path) -> tuple[Work, Series]:
    """Sends the corpus through every input a user has; returns the work and its series."""
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
    return work, series


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


def test_the_xss_corpus_is_inert_on_every_surface(author, site_admin, guest, tmp_path):
    reader = UserFactory(username="reader")
    moderator = UserFactory(username="mod")
    moderator.user_permissions.add(Permission.objects.get(codename="moderate"))
    work, series = store_everywhere(author, reader, tmp_path)
    imported = Work.objects.exclude(pk=work.pk).get()
    chapter = work.chapters.get()
    comment = work.comments.get()
    pages = [
        "/", reverse("works:list"), reverse("works:list") + f"?work_search[query]={MARKER}",
        work.get_absolute_url(), work.get_absolute_url() + "?view_full_work=true",
        chapter.get_absolute_url(), reverse("works:navigate", args=[work.pk]),
        imported.get_absolute_url(), series.get_absolute_url(), reverse("series:works", args=[series.pk]),
        "/users/author", "/users/author/works", "/users/author/series", "/users/author/pseuds",
        "/users/author/pseuds/Second", reverse("feedback:work_bookmarks", args=[work.pk]),
        "/users/reader/bookmarks", reverse("feedback:comment", args=[comment.pk]),
        reverse("feedback:kudos_list", args=[work.pk]),
    ]  # fmt: skip
    tag_name = work.freeforms[0].name
    pages += [reverse("tags:show", args=[tag_name]), reverse("tags:works", args=[tag_name])]
    private = {
        author: ["/users/author/inbox", "/users/author/stats", reverse("works:edit", args=[work.pk])],
        reader: [reverse("search:saved_filters"), "/users/reader/shelves/want_to_read"],
        moderator: [reverse("moderation:queue"), reverse("moderation:report", args=[AbuseReport.objects.get().pk]), reverse("moderation:work", args=[work.pk])],
        site_admin: [reverse("admin:works_work_change", args=[work.pk]), reverse("admin:works_work_changelist"), reverse("admin:feedback_comment_changelist"), reverse("admin:moderation_abusereport_changelist")],
    }  # fmt: skip
    surfaces: dict[str, str] = {}
    for url in pages:
        for label, client in (("guest", guest), ("author", signed_in(author))):
            surfaces[f"{label} {url}"] = client.get(url).content.decode()
    for user, urls in private.items():
        client = signed_in(user)
        for url in urls:
            surfaces[f"{user.username} {url}"] = client.get(url).content.decode()
    for url in (reverse("search:works_feed"), reverse("search:tag_feed", args=[tag_name])):
        surfaces[f"feed {url}"] = feed_html(guest.get(url).content)
    for extension in ("html", "epub"):
        body = guest.get(reverse("downloads:work", args=[work.pk, "x", extension])).content
        surfaces[f"download {extension}"] = (
            epub_html(body) if extension == "epub" else body.decode()
        )
    series_epub = guest.get(reverse("downloads:series", args=[series.pk, "x", "epub"])).content
    surfaces["series epub"] = epub_html(series_epub)
    for number, message in enumerate(mail.outbox):
        for content, media_type in getattr(message, "alternatives", []):
            if media_type == "text/html":
                surfaces[f"email {number}"] = content
    problems = {name: found for name, html in surfaces.items() if (found := payload_problems(html))}
    assert problems == {}, "\n".join(f"{name}: {found}" for name, found in problems.items())
    reached = [name for name, html in surfaces.items() if MARKER in html]
    assert len(reached) >= len(surfaces) * 3 // 4, sorted(set(surfaces) - set(reached))
