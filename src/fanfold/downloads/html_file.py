"""The HTML download: one self-contained page, AO3's download layout, styles inline."""

from functools import cache
from pathlib import Path

from django.conf import settings
from django.utils.html import escape

from fanfold.downloads.book import Book

STYLE = Path(settings.BASE_DIR) / "templates" / "downloads" / "style.css"


@cache
def stylesheet() -> str:
    return STYLE.read_text()


def _ao3_layout(book: Book) -> list[str]:
    """AO3's download structure: each work's preface, its chapters in one container, afterword.

    A one-work book uses AO3's ids (#preface, #chapters, #afterword) that tools look for.
    """
    single = sum(section.kind == "preface" for section in book.sections) == 1
    parts, chapters = [], []
    for section in book.sections:
        if section.kind == "chapter":
            chapters.append(section.html)
            continue
        if chapters:
            container = (
                'id="chapters" class="userstuff"' if single else 'class="chapters userstuff"'
            )
            parts.append(f"<div {container}>{''.join(chapters)}</div>")
            chapters = []
        name = section.kind if single else f"{section.kind}-{section.key}"
        parts.append(f'<div id="{name}" class="{section.kind}">{section.html}</div>')
    return parts


def render_html(book: Book) -> bytes:
    direction = "rtl" if book.language.rtl else "ltr"
    title = escape(f"{book.title} - {', '.join(book.creators)}")
    body = "\n".join(_ao3_layout(book))
    page = (
        f'<!DOCTYPE html>\n<html lang="{book.language.code}" dir="{direction}">\n<head>\n'
        f'<meta charset="utf-8"/>\n<title>{title}</title>\n<style>{stylesheet()}</style>\n'
        f"</head>\n<body>\n{body}\n</body>\n</html>\n"
    )
    return page.encode("utf-8")
