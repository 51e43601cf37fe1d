"""Hostile markup stored through every input comes out inert on every surface.

The corpus goes in through the work, chapter, series, pseud (profile), comment, bookmark
(notes and tags), tag, import, abuse-report and saved-filter inputs (tests/xss_surfaces.py),
then pages, Atom feeds, downloads (HTML and EPUB), the inbox, emails, the moderation queue,
pseud lists and the admin's change lists are read as the author, a guest, a moderator and an
admin. Each payload would call ffxss(n) if it ran; the check (tests/html_audit.py) finds any
element the payload made that could run or cover the page. Chromium opens the same surfaces
in tests/browser/test_xss_in_the_browser.py.
"""

from tests.conftest import signed_in
from tests.html_audit import MARKER, payload_problems
from tests.xss_surfaces import documents, email_texts, store_everywhere


def test_the_xss_corpus_is_inert_on_every_surface(
    author, site_admin, guest, tmp_path, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):  # emails leave after the commit
        stored = store_everywhere(author, site_admin, tmp_path)
    surfaces: dict[str, str] = {}
    for url in stored.pages:
        for label, client in (("guest", guest), ("author", signed_in(author))):
            surfaces[f"{label} {url}"] = client.get(url).content.decode()
    for user, urls in stored.private.items():
        client = signed_in(user)
        for url in urls:
            surfaces[f"{user.username} {url}"] = client.get(url).content.decode()
    surfaces |= documents(stored, guest)
    assert any(name.startswith("email") for name in surfaces), "no email was sent"
    problems = {name: found for name, html in surfaces.items() if (found := payload_problems(html))}
    assert problems == {}, "\n".join(f"{name}: {found}" for name, found in problems.items())
    reached = [name for name, html in surfaces.items() if MARKER in html]
    assert len(reached) >= len(surfaces) * 3 // 4, sorted(set(surfaces) - set(reached))


def test_emails_say_in_plain_text_what_was_typed(
    author, site_admin, tmp_path, django_capture_on_commit_callbacks
):
    """A text part is shown as it is: the payload appears as typed, never as HTML entities
    a reader would see as &lt;script&gt;."""
    with django_capture_on_commit_callbacks(execute=True):
        store_everywhere(author, site_admin, tmp_path)
    texts = email_texts()
    assert any(MARKER in body for body in texts.values()), texts
    escaped = {name: body for name, body in texts.items() if "&lt;" in body or "&quot;" in body}
    assert escaped == {}, escaped
