"""Original fixture works that exercise every corner of the download formats."""

import io

from PIL import Image

from fanfold.works.chapters import add_chapter
from fanfold.works.models import Chapter
from tests.factories import WorkFactory


def png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "teal").save(buffer, format="PNG")
    return buffer.getvalue()


def fake_fetch(url: str):
    """Stands in for the network: one image is found, every other one is not."""
    return (png(), "image/png") if url.endswith("found.png") else None


def multichapter_work(author):
    work = WorkFactory(
        author=author,
        title="Salt & Honey <Part One> 🍯",
        summary="<p>A summary with <em>emphasis</em> & an ampersand.</p>",
        notes="<p>Beginning notes.</p>",
        end_notes="<p>Work end notes.</p>",
        fandoms=("Tom & Jerry <Classic>",),
        relationships=("Mole/Ratty",),
        characters=("Mole", "Ratty"),
        freeforms=("Emoji 🎉", "Less < More"),
        expected_chapters=3,
        body='<p>First chapter text with an image <img src="https://images.example.org/found.png" alt="a teal square"> and a lost one <img src="https://images.example.org/lost.png" alt="a lost picture">.</p>',
    )
    first = work.chapters.get()
    first.title, first.summary, first.notes, first.end_notes = (
        "Arrivals",
        "<p>Chapter one summary.</p>",
        "<p>Chapter one notes.</p>",
        "<p>Chapter one end notes.</p>",
    )
    first.save()
    add_chapter(
        work,
        Chapter(
            title="The Middle of Things",
            body="<p>Second chapter<br>with a break &amp; more.</p><hr><p>After the rule.</p>",
        ),
        post=True,
    )
    add_chapter(work, Chapter(title="", body="<p>Third, untitled.</p>"), post=True)
    return work


def cjk_work(author):
    return WorkFactory(
        author=author,
        title="灯台の記録",
        language="ja",
        body="<p>日本語の本文です。灯台守は毎晩ランプを灯した。</p><p>第二段落。</p>",
    )


def rtl_work(author):
    return WorkFactory(
        author=author, title="منارة", language="ar", body="<p>مرحبا بالعالم. هذه قصة قصيرة.</p>"
    )


def anonymous_work(author):
    return WorkFactory(
        author=author, title="Nobody Knows", anonymous=True, body="<p>Nobody signs this.</p>"
    )
