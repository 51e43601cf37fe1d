"""AO3's word counter: text nodes only, CJK and Thai characters one word each."""

from html.parser import HTMLParser

import regex

# Apostrophes and hyphens join the parts of "don't" and "arm-rest" into one word.
_JOINERS = regex.compile(r"['’‘\-‐]")
_ONE_CHARACTER_WORDS = r"\p{Han}\p{Hiragana}\p{Katakana}\p{Thai}"
# regex's \w covers letters, marks, digits and connectors in every script.
_WORD = regex.compile(rf"[{_ONE_CHARACTER_WORDS}]|[^\W{_ONE_CHARACTER_WORDS}]+", regex.V1)


class _TextNodes(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.nodes: list[str] = []
        self._skip_depth = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in {"script", "style"}:
            self._skip_depth += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in {"script", "style"} and self._skip_depth:
            self._skip_depth -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip_depth:
            self.nodes.append(data)


def count_text(text: str) -> int:
    """Words in one run of plain text, by AO3's rules."""
    text = _JOINERS.sub("", text.replace("--", " — "))
    return sum(1 for _ in _WORD.finditer(text))


def count_html(html: str) -> int:
    """Words in the text nodes of an HTML fragment; markup boundaries separate words."""
    parser = _TextNodes()
    parser.feed(html)
    parser.close()
    return sum(count_text(node) for node in parser.nodes)
