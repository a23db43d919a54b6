"""Short excerpts with the matching words highlighted, built safely:
the text is escaped first, and only then is <mark> put around matches.

A document's body is its parts (a post's paragraphs, a lesson's summary, its
places, its DPGs ...) joined by blank lines; an excerpt comes from one part, so
indexed metadata never runs into the prose around it (issue 20, item 9)."""

import re

from markupsafe import Markup, escape

from community.search.query import ParsedQuery

SNIPPET_LENGTH = 240


def word_pattern(parsed: ParsedQuery) -> re.Pattern | None:
    """Words sharing a stem-like prefix with a query word ("enrol" ~ "enrolment")."""
    stems = sorted(
        {word[: max(4, len(word) - 2)] for word in parsed.positive_words},
        key=len,
        reverse=True,
    )
    if not stems:
        return None
    return re.compile(
        r"\b(?:" + "|".join(map(re.escape, stems)) + r")\w*", re.IGNORECASE
    )


def excerpt_window(text: str, pattern: re.Pattern | None) -> str:
    match = pattern.search(text) if pattern else None
    start = max(0, (match.start() if match else 0) - SNIPPET_LENGTH // 3)
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < start + 20 else start
    window = text[start : start + SNIPPET_LENGTH]
    prefix = "…" if start else ""
    suffix = "…" if start + SNIPPET_LENGTH < len(text) else ""
    return prefix + window + suffix


def highlight(text: str, parsed: ParsedQuery) -> Markup:
    """Escape the text, then wrap each matching word in <mark>."""
    pattern = word_pattern(parsed)
    if pattern is None:
        return escape(text)
    pieces, position = [], 0
    for match in pattern.finditer(text):
        pieces.append(escape(text[position : match.start()]))
        pieces.append(Markup("<mark>%s</mark>") % match.group(0))
        position = match.end()
    pieces.append(escape(text[position:]))
    return Markup("").join(pieces)


def best_part(body: str, pattern: re.Pattern | None) -> str:
    """The first part of the body with a match in it, else the first part."""
    parts = [" ".join(part.split()) for part in body.split("\n\n")]
    parts = [part for part in parts if part]
    if not parts:
        return ""
    if pattern is not None:
        for part in parts:
            if pattern.search(part):
                return part
    return parts[0]


def snippet(body: str, parsed: ParsedQuery) -> Markup:
    """A highlighted excerpt around the first match, within one part of the body."""
    pattern = word_pattern(parsed)
    return highlight(excerpt_window(best_part(body, pattern), pattern), parsed)
