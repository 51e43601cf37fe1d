"""The interface in Spanish and Arabic: chosen by browser or preference, and nothing left in English."""

import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.test import Client

from tests.conftest import signed_in
from tests.factories import WorkFactory
from tests.i18n.untranslated import untranslated

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = ROOT / "templates"
# Every template of the interface and its e-mails goes through gettext; a string added untranslated
# fails the test. Left out: the download files, which stay in English like AO3's (FanFicFare and
# ao3-api read their prefaces).
INTERFACE_TEMPLATES = sorted(
    str(path.relative_to(TEMPLATES))
    for path in TEMPLATES.rglob("*")
    if path.suffix in {".html", ".txt"} and path.parts[len(TEMPLATES.parts)] != "downloads"
)
# Machine-read parts: AO3's controller-action classes (not words anyone reads), and the series
# meta list, which ao3-api reads by its English labels ("Series Begun:").
MACHINE_READ = re.compile(
    r"{%\s*block main_classes\s*%}.*?{%\s*endblock\s*%}|<dl class=\"series meta group\">.*?</dl>\n",
    re.DOTALL,
)


def test_every_interface_template_is_checked():
    assert len(INTERFACE_TEMPLATES) > 150 and "search/help.html" in INTERFACE_TEMPLATES
    assert "accounts/email/confirm.txt" in INTERFACE_TEMPLATES


@pytest.mark.parametrize("name", INTERFACE_TEMPLATES)
def test_template_text_goes_through_gettext(name):
    source = MACHINE_READ.sub("", (TEMPLATES / name).read_text())
    assert untranslated(source) == []


@pytest.mark.parametrize("language", ["es", "ar"])
def test_every_message_is_translated_and_compiles(language):
    po = ROOT / "locale" / language / "LC_MESSAGES" / "django.po"
    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(po)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert re.fullmatch(r"\d+ translated messages\.\n", result.stderr), result.stderr


class _Texts(HTMLParser):
    """Text nodes of the page's own interface: the reader's and writer's words are skipped."""

    SKIPPED = {"userstuff", "tag", "title", "byline", "site-name", "fandoms", "datetime",
               "required-tags", "tags", "facet"}  # fmt: skip

    def __init__(self) -> None:
        super().__init__()
        self.depth_skipped = 0
        self.stack: list[bool] = []
        self.texts: set[str] = set()

    def handle_starttag(self, tag, attrs):
        if tag in {"br", "input", "meta", "link", "img", "hr"}:
            return
        classes = set((dict(attrs).get("class") or "").split())
        skip = (
            bool(classes & self.SKIPPED)
            or tag in {"script", "style", "time", "option", "title"}
            or dict(attrs).get("rel") == "author"
        )
        self.stack.append(skip)
        self.depth_skipped += skip

    def handle_endtag(self, tag):
        if self.stack and tag not in {"br", "input", "meta", "link", "img", "hr"}:
            self.depth_skipped -= self.stack.pop()

    def handle_data(self, data):
        text = " ".join(data.split())
        if not self.depth_skipped and re.search(r"[^\W\d_]{3,}", text):
            self.texts.add(text)


def _texts(html: str) -> set[str]:
    parser = _Texts()
    parser.feed(html)
    return parser.texts


# The same in Spanish: loanwords, format names and the names of things.
SAME_IN_SPANISH = {"Kudos", "Kudos:", "Fandoms", "Fandoms:", "Fandom", "EPUB", "PDF", "HTML", "Normal",
                   "Crossovers", "Kudos ♥", "English", "Español", "العربية", "Fanfold Archive",
                   "AZW3", "MOBI"}  # fmt: skip


def _page(client: Client, url: str, language: str) -> str:
    response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code in (200, 404)
    return response.content.decode()


def test_key_pages_in_spanish_leave_nothing_in_english(author):
    work = WorkFactory(author=author, title="Tidewater", freeforms=("Harbours",))
    pages = ["/", "/works?work_search[complete]=T", work.get_absolute_url(), "/users/login",
             "/users/signup", "/no-such-page", f"/works/{work.pk}/navigate"]  # fmt: skip
    left_in_english = {}
    for url in pages:
        english = _texts(_page(Client(), url, "en"))
        spanish = _texts(_page(Client(), url, "es"))
        same = (english & spanish) - SAME_IN_SPANISH - {"Tidewater", "Harbours", author.username}
        if same:
            left_in_english[url] = sorted(same)
    client = signed_in(author)
    prefs = f"/users/{author.username}/preferences"
    same = _texts(_page(client, prefs, "en")) & _texts(_page(client, prefs, "es"))
    if same - SAME_IN_SPANISH:
        left_in_english[prefs] = sorted(same - SAME_IN_SPANISH)
    assert left_in_english == {}


def test_the_browser_language_is_used_and_arabic_pages_are_right_to_left():
    assert '<html lang="es" dir="ltr">' in _page(Client(), "/", "es-ES,es;q=0.9")
    arabic = _page(Client(), "/", "ar")
    assert '<html lang="ar" dir="rtl">' in arabic
    assert "تصفّح الأعمال" in arabic
    assert '<html lang="en" dir="ltr">' in _page(Client(), "/", "fr")  # not offered: English


def test_the_language_in_preferences_wins_over_the_browser(author):
    author.preference.language = "ar"
    author.preference.save()
    page = _page(signed_in(author), "/", "es")
    assert '<html lang="ar" dir="rtl">' in page


def test_readers_tools_get_english_without_asking():
    work = WorkFactory()
    page = Client().get(work.get_absolute_url()).content.decode()
    assert '<dt class="published">Published:</dt>' in page
    assert '<html lang="en" dir="ltr">' in page
