"""Turning what a person typed into a safe query for either engine.

Supported: several words (all must match), "exact phrases", -word to exclude.
Everything else is reduced to words, so no input can reach the database as syntax.
"""

import re
from dataclasses import dataclass, field

from flask_babel import gettext as _

MAX_QUERY_LENGTH = 200
MAX_TERMS = 12
WORD = re.compile(r"\w+", re.UNICODE)
TOKEN = re.compile(r'(-?)"([^"]*)"|(-?)(\S+)')


class QueryProblem(ValueError):
    """A query we cannot run; str() tells the person what to change."""


@dataclass
class ParsedQuery:
    words: list[str] = field(default_factory=list)
    phrases: list[list[str]] = field(default_factory=list)
    excluded: list[str] = field(default_factory=list)

    @property
    def positive_words(self) -> list[str]:
        return self.words + [word for phrase in self.phrases for word in phrase]

    def fts5(self) -> str:
        """SQLite FTS5 MATCH expression: every piece quoted as a string."""
        parts = [quote(word) for word in self.words]
        parts += [quote(" ".join(phrase)) for phrase in self.phrases]
        expression = " AND ".join(parts)
        for word in self.excluded:
            expression += f" NOT {quote(word)}"
        return expression

    def websearch(self) -> str:
        """PostgreSQL websearch_to_tsquery input rebuilt from clean words."""
        parts = list(self.words)
        parts += ['"' + " ".join(phrase) + '"' for phrase in self.phrases]
        parts += [f"-{word}" for word in self.excluded]
        return " ".join(parts)


def quote(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def parse(raw: str) -> ParsedQuery:
    """Parse a search box value, or raise QueryProblem with a message."""
    if len(raw) > MAX_QUERY_LENGTH:
        raise QueryProblem(
            _(
                "Your search is %(len)s characters long. Use at most "
                "%(max_query_length)s: a few distinctive words work best.",
                len=len(raw),
                max_query_length=MAX_QUERY_LENGTH,
            )
        )
    parsed = ParsedQuery()
    for match in TOKEN.finditer(raw):
        negative = bool(match.group(1) or match.group(3))
        is_phrase = match.group(2) is not None
        words = [
            w.lower()
            for w in WORD.findall(match.group(2) if is_phrase else match.group(4))
        ]
        if not words:
            continue
        if negative:
            parsed.excluded.extend(words)
        elif is_phrase and len(words) > 1:
            parsed.phrases.append(words)
        else:
            parsed.words.extend(words)
    if not parsed.positive_words:
        raise QueryProblem(
            _(
                "Search for at least one word (letters or digits); symbols "
                "and exclusions alone cannot match anything."
            )
        )
    if len(parsed.positive_words) + len(parsed.excluded) > MAX_TERMS:
        raise QueryProblem(
            _("Use at most %(max_terms)s words in one search.", max_terms=MAX_TERMS)
        )
    return parsed
