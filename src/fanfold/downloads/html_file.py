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


def render_html(book: Book) -> bytes:
    direction = "rtl" if book.language.rtl else "ltr"
    title = escape(f"{book.title} - {', '.join(book.creators)}")
    body = "\n".join(f'<div id="{section.key}">{section.html}</div>' for section in book.sections)
    page = (
        f'<!DOCTYPE html>\n<html lang="{book.language.code}" dir="{direction}">\n<head>\n'
        f'<meta charset="utf-8"/>\n<title>{title}</title>\n<style>{stylesheet()}</style>\n'
        f"</head>\n<body>\n{body}\n</body>\n</html>\n"
    )
    return page.encode("utf-8")
