"""Which events the feeds hold, and the small helpers of the event lists.

Feeds load each event with its community and one-off changes up front (no
query per event). The agenda, month grid and home lists read dates from the
event_occurrences table instead: see listings.py.
"""

from datetime import date, datetime, timedelta

from sqlalchemy import ColumnElement, Select, select
from sqlalchemy.orm import joinedload, selectinload

from community.events.models import Event

FEED_HISTORY = timedelta(days=90)


def events_query(
    condition: ColumnElement[bool], community_id=None, event_type=None
) -> Select:
    query = (
        select(Event)
        .where(condition)
        .options(joinedload(Event.community), selectinload(Event.changes))
    )
    if community_id is not None:
        query = query.where(Event.community_id == community_id)
    if event_type:
        query = query.where(Event.event_type == event_type)
    return query


def past_events(query: Select, now: datetime) -> Select:
    return query.where(Event.series_end_at <= now).order_by(Event.start_at.desc())


def parse_month(value: str | None, today: date) -> tuple[int, int]:
    """ "2026-12" -> (2026, 12); anything else is this month."""
    try:
        year, month = (int(part) for part in (value or "").split("-"))
        date(year, month, 1)
    except ValueError:
        return today.year, today.month
    if not 1900 <= year <= 2200:
        return today.year, today.month
    return year, month
