"""The event_occurrences table, kept in step with each event on every write.

Lists (agenda, month, home, "next event") read dates from this table with one
indexed range query instead of expanding every series in Python, and RSVPs,
capacity and the wait list hang on its rows. Every service that changes an
event's dates calls sync(event) before the view commits, so the rows change in
the same transaction as the event. Series are bounded (recurrence
MAX_OCCURRENCES), so the table holds every date: there is no horizon to roll,
and `flask events sync-occurrences` only repairs (for example after a restore).
"""

from datetime import datetime

from sqlalchemy import delete, select

from community.events import recurrence
from community.events.models import Event, EventOccurrence, Rsvp
from community.extensions import db


def wanted_rows(event) -> list[dict]:
    """Each date of the event as the values of its row (any object with the
    event's attributes will do, as the migration passes plain rows)."""
    return [
        {
            "original_start_at": item.original_start_at,
            "start_at": item.start_at,
            "end_at": item.end_at,
            "cancelled": bool(item.is_cancelled),
            "moved": item.moved,
        }
        for item in recurrence.expand(event)
    ]


def sync(event: Event) -> list[EventOccurrence]:
    """Insert, update and delete the event's rows to match its dates."""
    existing = {
        row.original_start_at: row
        for row in db.session.scalars(
            select(EventOccurrence).where(EventOccurrence.event_id == event.id)
        )
    }
    wanted = wanted_rows(event)
    fresh = [values for values in wanted if values["original_start_at"] not in existing]
    keys = {values["original_start_at"] for values in wanted}
    # Dates whose key changed (the event's time was edited) keep their row, and
    # so their RSVPs: the n-th new date takes the n-th old date that is gone.
    left = sorted((key, row) for key, row in existing.items() if key not in keys)
    reused = {id(values): row for values, (_, row) in zip(fresh, left, strict=False)}
    kept = []
    for values in wanted:
        row = existing.pop(values["original_start_at"], None) or reused.get(id(values))
        if row is None:
            row = EventOccurrence(event_id=event.id, going_count=0)
            db.session.add(row)
        existing.pop(row.original_start_at, None)
        for name, value in values.items():
            if getattr(row, name, None) != value:
                setattr(row, name, value)
        kept.append(row)
    if existing:
        # SQLite does not enforce ON DELETE CASCADE here: remove the answers first.
        ids = [row.id for row in existing.values()]
        db.session.execute(delete(Rsvp).where(Rsvp.occurrence_id.in_(ids)))
        db.session.execute(delete(EventOccurrence).where(EventOccurrence.id.in_(ids)))
    db.session.flush()
    return kept


def occurrence_row(event: Event, original_start_at: datetime) -> EventOccurrence:
    """The row of one date of the event (synced first if it is missing)."""
    query = select(EventOccurrence).where(
        EventOccurrence.event_id == event.id,
        EventOccurrence.original_start_at == original_start_at,
    )
    row = db.session.scalar(query)
    if row is None:
        sync(event)
        row = db.session.scalar(query)
    return row


def sync_all() -> int:
    """Repair every event's rows; returns how many events were looked at."""
    count = 0
    for event in db.session.scalars(select(Event)):
        sync(event)
        count += 1
    return count
