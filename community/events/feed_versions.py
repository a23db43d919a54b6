"""Feed versions: an ETag naming the content, a Last-Modified that follows it.

Calendar clients send If-None-Match, If-Modified-Since or both. The ETag is a
hash of what decides the file (each event's id and revision), and the time it
was first seen is kept per feed (calendar_feed_versions), so Last-Modified
moves forward whenever the content changes, whatever changed it, and never
moves backwards when an event leaves a personal feed.
"""

import hashlib
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from community.events.models import CalendarFeedVersion
from community.extensions import db
from community.timezones import utcnow


def content_tag(key: str, content: list[tuple[int | str, int]]) -> str:
    digest = hashlib.sha256(key.encode())
    for event_id, revision in content:
        digest.update(f"{event_id}:{revision};".encode())
    return digest.hexdigest()[:40]


def changed_at(key: str, tag: str) -> datetime:
    """When the feed `key` first had this content (now, if it is new)."""
    key = hashlib.sha256(key.encode()).hexdigest()[:40] + key[:80]
    stored = db.session.get(CalendarFeedVersion, key)
    if stored is not None and stored.tag == tag:
        return stored.changed_at
    now = utcnow().replace(microsecond=0)
    if stored is not None and stored.changed_at >= now:
        # Two changes within one second: Last-Modified still has to move on.
        now = stored.changed_at + timedelta(seconds=1)
    if stored is None:
        stored = CalendarFeedVersion(key=key)
        db.session.add(stored)
    stored.tag, stored.changed_at = tag, now
    try:
        db.session.commit()
    except IntegrityError:  # another process recorded this feed first
        db.session.rollback()
        found = db.session.scalar(
            select(CalendarFeedVersion).where(CalendarFeedVersion.key == key)
        )
        return found.changed_at if found is not None else now
    return now
