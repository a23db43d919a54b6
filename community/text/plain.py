"""User text as readable plain text (feeds, calendars, search)."""

import re
from html import unescape
from html.parser import HTMLParser

from community.text.rendering import _markdown_to_html

_BLOCK_TAGS = frozenset(
    ["p", "pre", "blockquote", "table", "ul", "ol", "hr"]
    + ["h1", "h2", "h3", "h4", "h5", "h6"]
)
_LINE_TAGS = frozenset({"li", "tr", "br"})


class _PlainText(HTMLParser):
    """Collects readable lines: a blank line between blocks, "- " before list items."""

    def __init__(self, line_breaks: bool = False) -> None:
        super().__init__(convert_charrefs=True)
        self.line_breaks = line_breaks
        self.lines: list[str] = []
        self._words: list[str] = []
        self._prefix, self._in_pre, self._new_block = "", False, False

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self._end_line(tag)
        self._in_pre = self._in_pre or tag == "pre"
        self._prefix = "- " if tag == "li" else self._prefix

    def handle_endtag(self, tag: str) -> None:
        self._end_line(tag)
        self._in_pre = self._in_pre and tag != "pre"
        if tag in ("th", "td"):
            self._words.append(" ")

    def handle_data(self, data: str) -> None:
        self._words.append(data)

    def _end_line(self, tag: str) -> None:
        if tag not in _BLOCK_TAGS and tag not in _LINE_TAGS:
            return
        text, self._words = "".join(self._words), []
        if self._in_pre:
            lines = text.split("\n")
        elif self.line_breaks:
            lines = [" ".join(part.split()) for part in text.split("\n")]
        else:
            lines = [" ".join(text.split())]
        for line in filter(str.strip, lines):
            if self._new_block and self.lines:
                self.lines.append("")
            self.lines.append(self._prefix + line.rstrip())
            self._prefix, self._new_block = "", False
        self._new_block = self._new_block or tag in _BLOCK_TAGS


def plain_text(source: str, limit: int | None = None, line_breaks: bool = False) -> str:
    """Readable text (not HTML: escape it), cut at a word and ended "…" past `limit`.

    `line_breaks` keeps the author's single line breaks inside a paragraph
    (calendar descriptions); otherwise a paragraph is one line.
    """
    html, _ = _markdown_to_html(source)
    parser = _PlainText(line_breaks)
    parser.feed(html)
    parser.close()
    text = "\n".join(parser.lines)
    if limit is None or len(text) <= limit:
        return text
    cut = text[: max(limit - 1, 0)]
    if not text[len(cut)].isspace() and re.search(r"\s", cut):
        cut = re.sub(r"\s+\S*$", "", cut)
    return cut.rstrip() + "…"


_ANY_TAG = re.compile(r"<[^>]*>")


def stored_html_text(html: str) -> str:
    """Words of HTML this module already rendered and stored, for search indexing.

    Cheap (no Markdown pass), and only for our own sanitised output: the result
    is plain text, so whoever shows it must escape it.
    """
    return " ".join(unescape(_ANY_TAG.sub(" ", html)).split())


def excerpt(html: str, length: int = 120) -> str:
    """The first words of stored HTML (our own output), cut at a word: plain
    text, so the template escapes it."""
    words = stored_html_text(html)
    if len(words) <= length:
        return words
    return words[:length].rsplit(" ", 1)[0] + "…"
