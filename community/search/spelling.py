"""“Did you mean”: the closest indexed words to the ones a search found nothing for.

The vocabulary (SearchTerm) holds every word of every indexed document with the
place it was seen: a community, or 0 for site-wide documents. A suggestion is
built only from the words of places the reader can see, and shown only when the
corrected search finds something they may read, so neither a members-only word
nor a word of removed content can show through. One implementation serves both
databases: a prefix range on the vocabulary's primary key, then an edit
distance in Python over the few words of about the same length.
"""

import re
from itertools import product

from sqlalchemy import func, or_, select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from community.communities.models import Community
from community.communities.permissions import visible_communities
from community.extensions import db
from community.search.models import SearchTerm
from community.search.query import ParsedQuery

TERM = re.compile(r"[^\W\d_]{3,40}", re.UNICODE)  # letters only: no ids or numbers
MIN_LENGTH = 4  # shorter words have too many neighbours to guess from
MAX_DISTANCE = 2
MAX_TRIES = 3  # corrected searches run, at most, before giving up


def record_terms(community_id: int | None, text: str) -> None:
    """Add the text's words to the vocabulary of the document's place."""
    words = {word.lower() for word in TERM.findall(text)}
    if not words:
        return
    scope = community_id or 0
    insert = (
        postgresql_insert if db.engine.dialect.name == "postgresql" else sqlite_insert
    )
    rows = [{"term": word, "scope": scope} for word in sorted(words)]
    statement = insert(SearchTerm).on_conflict_do_nothing()
    for start in range(0, len(rows), 1000):
        db.session.execute(statement, rows[start : start + 1000])


def visible_scopes(viewer):
    """The vocabulary places the viewer may read: site-wide and visible communities."""
    ids = select(Community.id).where(visible_communities(viewer))
    return or_(SearchTerm.scope == 0, SearchTerm.scope.in_(ids))


def known_words(words: list[str], viewer) -> set[str]:
    query = select(SearchTerm.term).where(
        SearchTerm.term.in_(words), visible_scopes(viewer)
    )
    return set(db.session.scalars(query))


def neighbours(word: str, viewer) -> list[str]:
    """Visible vocabulary words within MAX_DISTANCE edits, closest first.

    Typos rarely hit the first letter, so only words sharing it are read: a
    range on the primary key, then those within two letters of the length."""
    limit = 1 if len(word) < 6 else MAX_DISTANCE
    query = (
        select(SearchTerm.term)
        .where(
            SearchTerm.term >= word[0],
            SearchTerm.term < chr(ord(word[0]) + 1),
            func.length(SearchTerm.term).between(len(word) - limit, len(word) + limit),
            visible_scopes(viewer),
        )
        .distinct()
    )
    scored = []
    for term in db.session.scalars(query):
        distance = edit_distance(word, term, limit)
        if distance <= limit:
            scored.append((distance, abs(len(term) - len(word)), term))
    return [term for *_rank, term in sorted(scored)[:MAX_TRIES]]


def edit_distance(one: str, other: str, limit: int) -> int:
    """Optimal string alignment distance (a swap of neighbours counts once),
    giving up with limit + 1 as soon as every path is past the limit."""
    previous2: list[int] = []
    previous = list(range(len(other) + 1))
    for i, letter in enumerate(one, start=1):
        current = [i] + [0] * len(other)
        for j, other_letter in enumerate(other, start=1):
            cost = letter != other_letter
            current[j] = min(
                previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost
            )
            if (
                i > 1
                and j > 1
                and letter == other[j - 2]
                and one[i - 2] == other_letter
            ):
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


def corrected(parsed: ParsedQuery, viewer, finds) -> ParsedQuery | None:
    """The query with its unknown words replaced by near ones, the first such
    query for which `finds(query)` is true (it runs the search), or None."""
    words = [word for word in parsed.words if len(word) >= MIN_LENGTH]
    known = known_words(words, viewer) if words else set()
    unknown = [word for word in words if word not in known and TERM.fullmatch(word)]
    if not unknown:
        return None
    options = [neighbours(word, viewer) or [word] for word in unknown]
    for tries, choice in enumerate(product(*options)):
        if tries >= MAX_TRIES:
            break
        swap = dict(zip(unknown, choice, strict=True))
        if all(swap[word] == word for word in unknown):
            continue
        candidate = ParsedQuery(
            words=[swap.get(word, word) for word in parsed.words],
            phrases=parsed.phrases,
            excluded=parsed.excluded,
        )
        if finds(candidate):
            return candidate
    return None
