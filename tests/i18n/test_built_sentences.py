"""Sentences built from a tag type, a count or a parser's finding speak Spanish and Arabic too.

The expected sentences are written out by hand, not read from the catalogues: a msgid changed
without its translations, or a sentence pasted together in English again, fails here.
"""

import json
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from fanfold.challenges.models import Challenge, ChallengeKind
from fanfold.imports.models import PendingImport
from fanfold.imports.notices import translated
from fanfold.tags.models import Tag, TagType
from fanfold.tagsets.nominating import create_tag_set
from tests.api.conftest import token_client
from tests.collections.conftest import make_collection
from tests.conftest import signed_in
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

LANGUAGES = ("en", "es", "ar")
FANDOMS = "Moth Island (Comics), Paper Boats (Film), Lighthouse Keepers (Radio)"


def _in_each_language(fetch, sentences: dict[str, str]) -> None:
    """Each language's sentence is on its page, and no other language's."""
    for language in LANGUAGES:
        page = fetch(language)
        assert sentences[language] in page, language
        for other, sentence in sentences.items():
            if other != language:
                assert sentence not in page, (language, other)


@pytest.fixture
def gift_exchange(maintainer):
    for name in FANDOMS.split(", "):
        Tag.objects.create(name=name, type=TagType.FANDOM, canonical=True)
    return Challenge.objects.create(
        collection=make_collection(maintainer, "Winter_Swap"),
        kind=ChallengeKind.GIFT_EXCHANGE,
        signup_open=True,
        request_limits={TagType.FANDOM: {"required": 1, "allowed": 2, "any": False}},
        offer_limits={TagType.FANDOM: {"required": 1, "allowed": 2, "any": False}},
    )


def test_a_sign_up_form_label_from_a_tag_type(gift_exchange, author):
    client = signed_in(author)
    url = f"/collections/{gift_exchange.collection.name}/signups/new"
    _in_each_language(
        lambda language: client.get(url, HTTP_ACCEPT_LANGUAGE=language).content.decode(),
        {"en": "Fandom (1 to 2)", "es": "Fandom (de 1 a 2)", "ar": "العالم (من 1 إلى 2)"},
    )


def test_a_sign_up_error_counting_tags_of_a_type(gift_exchange, author):
    client = signed_in(author)
    url = f"/collections/{gift_exchange.collection.name}/signups/new"
    _in_each_language(
        lambda language: client.post(
            url, {"request-1-fandom": FANDOMS}, HTTP_ACCEPT_LANGUAGE=language
        ).content.decode(),
        {
            "en": "Request 1 must include between 1 and 2 fandom tags, but you have included 3.",
            "es": "Petición 1 debe incluir entre 1 y 2 etiquetas de fandom, pero has incluido 3.",
            "ar": "الطلب 1 يجب أن يتضمن بين 1 و2 من وسوم العوالم، لكنك أدرجت 3.",
        },
    )


def test_a_tag_set_nomination_error_counting_tags_of_a_type(author, outsider):
    tag_set = create_tag_set(
        author.default_pseud, title="Tiny Fandoms", nominated=True, fandom_nomination_limit=2
    )
    client = signed_in(outsider)
    url = f"/tag_sets/{tag_set.pk}/nominations/new"
    _in_each_language(
        lambda language: client.post(
            url, {"fandom_tagnames": FANDOMS}, HTTP_ACCEPT_LANGUAGE=language
        ).content.decode(),
        {
            "en": "You can only nominate 2 fandom tags; you have 0 already and tried to add 3.",
            "es": "Solo puedes nominar 2 etiquetas de fandom; ya tienes 0 y has intentado añadir 3.",
            "ar": "لا يمكنك ترشيح أكثر من وسمين للعوالم؛ لديك 0 بالفعل وحاولت إضافة 3.",
        },
    )


def test_an_import_warning_on_the_review_page(outsider):
    client = signed_in(outsider)
    text = (Path(__file__).parents[1] / "imports/fixtures/ao3_flat_multichapter.txt").read_bytes()
    client.post(reverse("imports:upload"), {"file": SimpleUploadedFile("ledger.txt", text)})
    url = reverse("imports:review", args=[PendingImport.objects.get().pk])
    _in_each_language(
        lambda language: client.get(url, HTTP_ACCEPT_LANGUAGE=language).content.decode(),
        {
            "en": "Paragraph breaks were missing; they were restored between sentences.",
            "es": "Faltaban los saltos de párrafo; se restauraron entre las frases.",
            "ar": "كانت فواصل الفقرات مفقودة؛ فأُعيدت بين الجمل.",
        },
    )
    stored = PendingImport.objects.get().parsed["warnings_found"]
    assert "Paragraph breaks were missing; they were restored between sentences." in stored


def test_an_import_warning_naming_a_value_keeps_the_value():
    english = "Unknown language “Klingon”; imported as English."
    with translation.override("es"):
        assert translated(english) == "Idioma desconocido “Klingon”; se importó en inglés."
    with translation.override("ar"):
        assert translated(english) == "لغة غير معروفة “Klingon”؛ استُوردت بالإنجليزية."
    with translation.override("es"):
        assert translated("A converter's own message.") == "A converter's own message."


def test_a_fetch_error_follows_the_request_language(settings):
    settings.IMPORT_FETCH_TRUSTED_HOSTS = []
    archivist = UserFactory(username="opendoors")
    archivist.groups.add(Group.objects.get(name="Archivists"))
    client = token_client(archivist, ["import"])
    work = {
        "chapter_urls": ["http://127.0.0.1:9/secret.html"],
        "external_author_name": "X",
        "external_author_email": "x@example.org",
    }

    def reason(language: str) -> str:
        response = client.post(
            "/api/v1/imports",
            json.dumps({"works": [work]}),
            content_type="application/json",
            HTTP_ACCEPT_LANGUAGE=language,
        )
        return response.json()["works"][0]["messages"][0]

    _in_each_language(
        reason,
        {
            "en": "http://127.0.0.1:9/secret.html is not on a public host (http or https only)",
            "es": "http://127.0.0.1:9/secret.html no está en un servidor público (solo http o https)",
            "ar": "http://127.0.0.1:9/secret.html ليس على خادم عام (http أو https فقط)",
        },
    )
