"""Fragments shared by everyone who sees them alike, with each reader's own
bits filled in on the way out (for signed-in pages, never cached whole).

A fragment is rendered once for a kind of reader (the same rights, language
and time zone) and stored under the content version of its scope, like a
visitor's page. What differs between two such readers (a vote they cast, what
is new to them, their CSRF token) is left as a slot, an HTML comment that
user text can never hold (community/text strips comments and escapes "<"):

    <!--r:vote:123-->   filled by fill(html, {"vote": lambda post_id: ...})

Everything is server-side: the page works without JavaScript.
"""

import hashlib
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from flask import current_app, g
from flask_babel import get_locale
from flask_wtf.csrf import generate_csrf
from markupsafe import Markup

from community.pagecache.pages import read_cache, write_cache
from community.timezones import viewer_zone_name

SLOT = re.compile(r"<!--r:([a-z]+):(\d+)-->")
CSRF = "csrf"  # the slot standing for the reader's CSRF token


def slot(kind: str, number: int = 0) -> Markup:
    """Jinja global: the place of one reader's bit (see fill)."""
    return Markup(f"<!--r:{kind}:{int(number)}-->")  # noqa: S704 - a name and a number


def is_enabled() -> bool:
    return current_app.config["PAGE_CACHE_ENABLED"]


def slotted_key(name: str, version: str, parts: str) -> str:
    """The key of a fragment: its name, the content version it was rendered
    under, the language and time zone it was rendered in, and its parts (the
    page, the reader's kind...)."""
    blob = f"{get_locale()}|{viewer_zone_name()}|{parts}".encode()
    return f"slotted:{version}:{name}:{hashlib.sha256(blob).hexdigest()[:32]}"


def kept(key: str, build: Callable):
    """build(), or what it built for the same key; None from build() (a page
    past the end) is not stored."""
    if not is_enabled():
        return build()
    found = read_cache(key)
    if found is None:
        found = build()
        if found is not None:
            write_cache(key, found)
    return found


@contextmanager
def shared_csrf() -> Iterator[None]:
    """While a shared fragment renders, forms in it hold the CSRF slot instead
    of this reader's token (Flask-WTF keeps a request's token in g)."""
    before = g.pop("csrf_token", None)
    g.csrf_token = slot(CSRF)
    try:
        yield
    finally:
        g.pop("csrf_token", None)
        if before is not None:
            g.csrf_token = before


def fill(html: str, fillers: dict[str, Callable[[int], str]]) -> Markup:
    """The fragment with every slot replaced by the reader's bit; a slot of a
    kind without a filler is left empty."""

    def filled(match: re.Match) -> str:
        kind, number = match.group(1), int(match.group(2))
        if kind == CSRF:
            return generate_csrf()
        found = fillers.get(kind)
        return str(found(number)) if found else ""

    # The fragment and every bit were rendered by templates (autoescaped).
    return Markup(SLOT.sub(filled, html))  # noqa: S704
