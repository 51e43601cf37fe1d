"""Every family of pages speaks Spanish and Arabic: a known sentence translated, its English gone."""

from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from fanfold.moderation import actions
from tests.conftest import signed_in

pytestmark = pytest.mark.django_db

# (who asks, URL, the English on the page, its Spanish, its Arabic). Written out by hand from the
# catalogues' intent, not read from them: a msgid changed without its translations fails here.
FAMILIES = [
    ("guest", lambda u: reverse("works:search"), "Search Works", "Buscar obras",
     "ابحث في الأعمال"),
    ("guest", lambda u: reverse("search:people"), "Search all fields",
     "Buscar en todos los campos", "ابحث في كل الحقول"),
    ("guest", lambda u: reverse("search:tags"), "Wrangling status", "Estado de gestión",
     "حالة الفرز"),
    ("guest", lambda u: reverse("search:bookmarks"), "Any field on bookmark",
     "Cualquier campo del marcador", "أي حقل في الإشارة المرجعية"),
    ("moderator", lambda u: reverse("moderation:queue"), "Abuse reports",
     "Denuncias de abuso", "بلاغات الإساءة"),
    ("wrangler", lambda u: reverse("tags:wrangle"), "Wrangle Tags", "Gestionar etiquetas",
     "افرز الوسوم"),
    ("author", lambda u: reverse("imports:upload"), "Import a Work", "Importar una obra",
     "استورد عملًا"),
    ("author", lambda u: reverse("feedback:inbox", args=[u.username]),
     "Your inbox is empty.", "Tu bandeja de entrada está vacía.", "صندوق الوارد فارغ."),
    ("author", lambda u: reverse("feedback:stats", args=[u.username]), "Statistics for",
     "Estadísticas de", "إحصاءات"),
    ("author", lambda u: reverse("accounts:user_series", args=[u.username]), "No series yet.",
     "Todavía no hay series.", "لا سلاسل بعد."),
    ("author", lambda u: reverse("accounts:pseuds", args=[u.username]), "Pseuds of",
     "Pseudónimos de", "الأسماء المستعارة لـ"),
    ("guest", lambda u: reverse("collections:index"), "Filter collections",
     "Filtrar colecciones", "رشّح المجموعات"),
    ("author", lambda u: reverse("challenges:user_signups", args=[u.username]),
     "You have not signed up for any challenges.", "No te has inscrito en ningún desafío.",
     "لم تسجّل في أي تحدٍّ."),
    ("guest", lambda u: reverse("tagsets:index"), "There are no tag sets yet.",
     "Todavía no hay conjuntos de etiquetas.", "لا مجموعات وسوم بعد."),
    ("author", lambda u: reverse("gifts:user", args=[u.username]), "No gifts yet.",
     "Todavía no hay regalos.", "لا هدايا بعد."),
    ("author", lambda u: reverse("api_pages:tokens", args=[u.username]),
     "You have no tokens yet.", "Todavía no tienes tokens.", "ليست لديك رموز مميزة بعد."),
]  # fmt: skip


@pytest.fixture
def clients(author, moderator, wrangler):
    return {
        "guest": (Client(), None),
        "author": (signed_in(author), author),
        "moderator": (signed_in(moderator), moderator),
        "wrangler": (signed_in(wrangler), wrangler),
    }


@pytest.mark.parametrize(
    ("who", "url", "english", "spanish", "arabic"), FAMILIES, ids=[f[2] for f in FAMILIES]
)
def test_each_page_family_is_spoken_in_spanish_and_arabic(
    clients, who, url, english, spanish, arabic
):
    client, user = clients[who]
    address = url(user)
    assert english in _page(client, address, "en")
    for language, translated in (("es", spanish), ("ar", arabic)):
        page = _page(client, address, language)
        assert translated in page, (language, address)
        assert english not in page, (language, address)


def _page(client: Client, url: str, language: str) -> str:
    response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200, url
    return response.content.decode()


def test_a_form_label_and_a_flash_message_follow_the_language(author):
    client = signed_in(author)
    page = _page(client, reverse("works:new"), "es")
    assert "Añadir a una serie" in page and "Add to series" not in page
    response = client.post(
        reverse("search:save_filter"), {"path": "/works", "query": "", "name": ""},
        HTTP_ACCEPT_LANGUAGE="ar", follow=True,
    )  # fmt: skip
    assert "أعطِ المرشّح اسمًا لحفظه." in response.content.decode()


def test_a_spanish_reader_is_mailed_in_spanish_with_a_localised_date(moderator, outsider):
    outsider.preference.language = "es"
    outsider.preference.time_zone = "Europe/Madrid"
    outsider.preference.save()
    mail.outbox.clear()
    # Sent while an English request is being served: the recipient's language wins.
    sanction = actions.suspend_user(moderator, outsider, days=3, note="Spam.")
    [message] = mail.outbox
    assert message.subject == "Tu cuenta del Archivo está suspendida"
    until = sanction.until.astimezone(ZoneInfo("Europe/Madrid"))
    months = ["Ene", "Feb", "Mar", "Abr", "May", "Jun", "Jul", "Ago", "Sep", "Oct", "Nov", "Dic"]
    shown = f"{until:%d} {months[until.month - 1]} {until:%Y}, {until:%H:%M}"
    assert (
        message.body
        == f"Hasta el {shown} puedes leer, pero no publicar, comentar ni dejar kudos.\n\nSpam."
    )


def test_a_reader_without_a_language_is_mailed_in_english(moderator, outsider):
    mail.outbox.clear()
    actions.warn_user(moderator, outsider, note="Be kind.")
    [message] = mail.outbox
    assert (message.subject, message.body) == (
        "A warning from the Archive's moderators",
        "Be kind.",
    )
