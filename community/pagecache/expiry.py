"""Pages that stop being true at a known instant, not only on a write.

The agenda lists what has not ended yet: the moment the first listed date ends
it is wrong, though nothing was written. A view that builds such a page says
when (`expires_at`), and the cache keeps the page, or a fragment of it, only
until then (`seconds_left`), never past PAGE_CACHE_SECONDS either.
"""

from collections.abc import Callable
from datetime import datetime
from math import ceil

from flask import current_app, g

from community.timezones import utcnow


def expires_at(moment: datetime | None) -> None:
    """The page being built is true until this instant (None: no limit)."""
    if moment is None:
        return
    found = g.get("_page_expires_at")
    g._page_expires_at = moment if found is None else min(found, moment)


def page_expiry() -> datetime | None:
    return g.get("_page_expires_at")


def built_with_expiry(build: Callable):
    """(build(), the instant what it built stops being true or None), as the
    expires_at calls made while building say; the page keeps its own too."""
    outer = g.pop("_page_expires_at", None)
    try:
        return build(), page_expiry()
    finally:
        inner = g.pop("_page_expires_at", None)
        expires_at(outer)
        expires_at(inner)


def seconds_left(moment: datetime | None) -> int | None:
    """How long to keep what holds until `moment`: None for the cache's default,
    0 when it has expired already (then it is not stored at all)."""
    if moment is None:
        return None
    seconds = ceil((moment - utcnow()).total_seconds())
    return max(0, min(seconds, current_app.config["PAGE_CACHE_SECONDS"]))
