"""The languages a work can be in: code, name as its readers write it, writing direction."""

from typing import NamedTuple


class Language(NamedTuple):
    code: str
    name: str
    rtl: bool = False


LANGUAGES: tuple[Language, ...] = (
    Language("en", "English"),
    Language("ar", "العربية", rtl=True),
    Language("bg", "Български"),
    Language("ca", "Català"),
    Language("cs", "Čeština"),
    Language("da", "Dansk"),
    Language("de", "Deutsch"),
    Language("el", "Ελληνικά"),
    Language("es", "Español"),
    Language("fa", "فارسی", rtl=True),
    Language("fi", "Suomi"),
    Language("fil", "Filipino"),
    Language("fr", "Français"),
    Language("he", "עברית", rtl=True),
    Language("hi", "हिन्दी"),
    Language("hu", "Magyar"),
    Language("id", "Bahasa Indonesia"),
    Language("it", "Italiano"),
    Language("ja", "日本語"),
    Language("ko", "한국어"),
    Language("la", "Lingua latina"),
    Language("ms", "Bahasa Malaysia"),
    Language("nl", "Nederlands"),
    Language("no", "Norsk"),
    Language("pl", "Polski"),
    Language("pt-BR", "Português brasileiro"),
    Language("pt-PT", "Português europeu"),
    Language("ro", "Română"),
    Language("ru", "Русский"),
    Language("sr", "Српски"),
    Language("sv", "Svenska"),
    Language("th", "ไทย"),
    Language("tl", "Tagalog"),
    Language("tr", "Türkçe"),
    Language("uk", "Українська"),
    Language("vi", "Tiếng Việt"),
    Language("zh", "中文-普通话 國語"),
    Language("yue", "中文-广东话 粵語"),
)
BY_CODE = {language.code: language for language in LANGUAGES}
CHOICES = [(language.code, language.name) for language in LANGUAGES]


def language_for(code: str) -> Language:
    return BY_CODE.get(code, Language(code, code))
