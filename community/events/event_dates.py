"""The dates of one event as its page shows them (rows of event_occurrences)."""

from datetime import UTC, datetime

from flask import abort
from sqlalchemy import select

from community.events.models import Event, EventOccurrence
from community.extensions import db
from community.timezones import utcnow

SHOWN = 12  # dates listed on the event page; the rest are on /events/<id>/dates
KEY_FORMAT = "%Y%m%dT%H%M%SZ"


def occurrence_key(value: datetime) -> str:
    """A date's key in URLs: its original start in UTC (20300318T090000Z)."""
    return value.astimezone(UTC).strftime(KEY_FORMAT)


def parse_key(key: str) -> datetime | None:
    try:
        return datetime.strptime(key or "", KEY_FORMAT).replace(tzinfo=UTC)
    except ValueError:
        return None


def upcoming_query(event: Event, now: datetime):
    """Every date that has not ended, cancelled ones included, in order."""
    return (
        select(EventOccurrence)
        .where(EventOccurrence.event_id == event.id, EventOccurrence.end_at > now)
        .order_by(EventOccurrence.start_at)
    )


def upcoming(event: Event, now: datetime) -> list[EventOccurrence]:
    return list(db.session.scalars(upcoming_query(event, now)))


def last_date(event: Event) -> EventOccurrence | None:
    return db.session.scalar(
        select(EventOccurrence)
        .where(EventOccurrence.event_id == event.id)
        .order_by(EventOccurrence.start_at.desc())
        .limit(1)
    )


def find(event: Event, key: str | None) -> EventOccurrence | None:
    original = parse_key(key) if key else None
    if original is None:
        return None
    return db.session.scalar(
        select(EventOccurrence).where(
            EventOccurrence.event_id == event.id,
            EventOccurrence.original_start_at == original,
        )
    )


def chosen(event: Event, key: str | None, dates: list) -> EventOccurrence | None:
    """The date asked for (?date=), else the next live one, else the last."""
    return (
        find(event, key)
        or next((row for row in dates if not row.is_cancelled), None)
        or (dates[0] if dates else last_date(event))
    )


def row_or_404(event: Event, key: str | None) -> EventOccurrence:
    row = find(event, key)
    if row is None:
        abort(404)
    return row


def chosen_or_404(event: Event, key: str | None) -> EventOccurrence:
    """The date a form names, or the next live one when it names none."""
    if key:
        return row_or_404(event, key)
    row = chosen(event, None, upcoming(event, utcnow()))
    if row is None:
        abort(404)
    return row
